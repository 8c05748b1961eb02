--liquibase formatted sql

--changeset inflow:0007-add-run-lineage
-- resumed_from: the run a resume continues. scheduled_for: the cron fire time a scheduled run answers; one
-- run per fire, whichever node handles it and however often.
ALTER TABLE import_runs
    ADD COLUMN resumed_from   bigint REFERENCES import_runs (id),
    ADD COLUMN scheduled_for  timestamptz;
CREATE UNIQUE INDEX import_runs_one_per_fire ON import_runs (connection_id, scheduled_for)
    WHERE scheduled_for IS NOT NULL;
CREATE INDEX import_runs_by_status ON import_runs (status, id DESC);
--rollback DROP INDEX import_runs_by_status; DROP INDEX import_runs_one_per_fire; ALTER TABLE import_runs DROP COLUMN resumed_from, DROP COLUMN scheduled_for;
