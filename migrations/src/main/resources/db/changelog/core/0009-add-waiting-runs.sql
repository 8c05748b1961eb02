--liquibase formatted sql

--changeset inflow:0009-add-waiting-runs
-- A run whose connection spent its daily quota waits, still active, until resume_at.
ALTER TABLE import_runs ADD COLUMN resume_at timestamptz;
ALTER TABLE import_runs DROP CONSTRAINT import_runs_status_known;
ALTER TABLE import_runs ADD CONSTRAINT import_runs_status_known CHECK (status IN
    ('queued', 'running', 'waiting', 'cancelling', 'cancelled', 'succeeded', 'failed', 'interrupted'));
DROP INDEX import_runs_one_active_per_connection;
CREATE UNIQUE INDEX import_runs_one_active_per_connection
    ON import_runs (connection_id) WHERE status IN ('queued', 'running', 'waiting', 'cancelling');
--rollback DROP INDEX import_runs_one_active_per_connection; CREATE UNIQUE INDEX import_runs_one_active_per_connection ON import_runs (connection_id) WHERE status IN ('queued', 'running', 'cancelling'); ALTER TABLE import_runs DROP COLUMN resume_at;
