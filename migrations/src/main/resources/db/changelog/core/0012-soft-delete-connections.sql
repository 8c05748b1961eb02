--liquibase formatted sql

--changeset inflow:0012-soft-delete-connections
-- A deleted connection leaves the API but keeps its row, so the records, runs and dead letters that refer to it
-- stay valid (DELETE without purge keeps its records). Names are unique among the connections not deleted only,
-- so a name can be used again.
ALTER TABLE connections ADD COLUMN deleted_at timestamptz;
ALTER TABLE connections DROP CONSTRAINT connections_name_unique;
CREATE UNIQUE INDEX connections_live_name_unique ON connections (name) WHERE deleted_at IS NULL;
--rollback DROP INDEX connections_live_name_unique; ALTER TABLE connections ADD CONSTRAINT connections_name_unique UNIQUE (name); ALTER TABLE connections DROP COLUMN deleted_at;
