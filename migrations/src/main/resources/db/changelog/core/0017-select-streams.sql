--liquibase formatted sql

--changeset inflow:0017-select-streams
-- The streams a connection imports, each with its mode, in the order it named them:
-- [{"name": "clients", "mode": "incremental"}, {"name": "sales", "mode": "full"}]. Null imports
-- every stream its plugin offers, each in the run's mode. A stream left out is not read; the records it already
-- has are kept but left out of stats, counts and the plugin's typed views until it is selected again.
ALTER TABLE connections ADD COLUMN streams jsonb;
ALTER TABLE connections ADD CONSTRAINT connections_streams_array CHECK (streams IS NULL OR jsonb_typeof(streams) = 'array');

-- The mode each stream of a run is read in: the run's, or full for a stream its connection reads in full on every
-- run. Null in runs recorded before: the run's mode.
ALTER TABLE import_run_streams ADD COLUMN mode text;
ALTER TABLE import_run_streams ADD CONSTRAINT import_run_streams_mode_known CHECK (mode IS NULL OR mode IN ('full', 'incremental'));

-- Whether a connection with this selection imports this stream: what every query of stored records (stats,
-- counts, typed views) filters with. A plain SQL function, so the planner inlines it.
CREATE FUNCTION inflow_imports_stream(selection jsonb, stream text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS 'SELECT selection IS NULL OR selection @> jsonb_build_array(jsonb_build_object(''name'', stream))';
--rollback DROP FUNCTION inflow_imports_stream(jsonb, text); ALTER TABLE import_run_streams DROP CONSTRAINT import_run_streams_mode_known; ALTER TABLE import_run_streams DROP COLUMN mode; ALTER TABLE connections DROP CONSTRAINT connections_streams_array; ALTER TABLE connections DROP COLUMN streams;
