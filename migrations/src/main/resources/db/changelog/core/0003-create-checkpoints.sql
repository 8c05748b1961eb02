--liquibase formatted sql

--changeset inflow:0003-create-checkpoints
-- Per connection and stream: where the scan in progress stands (position, null when none is) and where the
-- next incremental scan starts (watermark: the last checkpoint of the last completed scan).
CREATE TABLE checkpoints (
    connection_id  bigint      NOT NULL REFERENCES connections (id),
    stream         text        NOT NULL,
    position       jsonb,
    watermark      jsonb,
    run_id         bigint      REFERENCES import_runs (id) ON DELETE SET NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (connection_id, stream)
);
--rollback DROP TABLE checkpoints;
