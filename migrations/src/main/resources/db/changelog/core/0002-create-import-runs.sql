--liquibase formatted sql

--changeset inflow:0002-create-import-runs
CREATE TABLE import_runs (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connection_id  bigint      NOT NULL REFERENCES connections (id),
    trigger        text        NOT NULL,
    mode           text        NOT NULL,
    status         text        NOT NULL,
    notes          text,
    requested_by   text,
    node           text,
    error          text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    started_at     timestamptz,
    finished_at    timestamptz,
    heartbeat_at   timestamptz,
    CONSTRAINT import_runs_trigger_known CHECK (trigger IN ('manual', 'schedule', 'startup', 'resume')),
    CONSTRAINT import_runs_mode_known CHECK (mode IN ('full', 'incremental')),
    CONSTRAINT import_runs_status_known CHECK (status IN
        ('queued', 'running', 'cancelling', 'cancelled', 'succeeded', 'failed', 'interrupted'))
);

-- At most one active run per connection, whichever node asks: the database is the referee.
CREATE UNIQUE INDEX import_runs_one_active_per_connection
    ON import_runs (connection_id) WHERE status IN ('queued', 'running', 'cancelling');

CREATE INDEX import_runs_by_connection ON import_runs (connection_id, id DESC);

CREATE TABLE import_run_streams (
    run_id           bigint      NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
    stream           text        NOT NULL,
    position         int         NOT NULL,
    status           text        NOT NULL,
    inserted         bigint      NOT NULL DEFAULT 0,
    updated          bigint      NOT NULL DEFAULT 0,
    unchanged        bigint      NOT NULL DEFAULT 0,
    failed           bigint      NOT NULL DEFAULT 0,
    batches          bigint      NOT NULL DEFAULT 0,
    estimated_total  bigint,
    started_at       timestamptz,
    finished_at      timestamptz,
    PRIMARY KEY (run_id, stream),
    CONSTRAINT import_run_streams_status_known CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'cancelled'))
);
--rollback DROP TABLE import_run_streams; DROP TABLE import_runs;
