--liquibase formatted sql

--changeset inflow:0015-add-run-waits
-- A running run whose calls wait on the upstream (a lock-out after a 429, a Retry-After, a backoff, an open
-- circuit breaker) says until when and why, for any node's API to show.
ALTER TABLE import_runs ADD COLUMN waiting_until timestamptz;
ALTER TABLE import_runs ADD COLUMN waiting_reason text;
--rollback ALTER TABLE import_runs DROP COLUMN waiting_reason; ALTER TABLE import_runs DROP COLUMN waiting_until;
