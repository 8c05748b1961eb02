--liquibase formatted sql

--changeset inflow:0011-create-dead-letters
-- Records that could not be mapped or stored, with what the upstream sent and why; nothing is dropped silently.
CREATE TABLE dead_letters (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connection_id  bigint      NOT NULL REFERENCES connections (id),
    run_id         bigint      NOT NULL REFERENCES import_runs (id),
    stream         text        NOT NULL,
    external_id    text,
    payload        text        NOT NULL,
    reason         text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    replay_attempts int        NOT NULL DEFAULT 0,
    replayed_at    timestamptz,
    last_replay_error text
);
CREATE INDEX dead_letters_by_connection ON dead_letters (connection_id, id DESC);
CREATE INDEX dead_letters_by_run ON dead_letters (run_id, id);
--rollback DROP TABLE dead_letters;
