--liquibase formatted sql

--changeset inflow:0016-track-deletions
-- Records that vanish upstream. A full scan that completes marks every record of its stream it did not see as
-- deleted: each upsert of a scan stamps last_seen_scan with the scan's id (kept in checkpoints.scan_id across the
-- runs of a resumed scan), and one set-based UPDATE at the end marks the rest, in the transaction that completes
-- the scan. Incremental reads mark what the upstream itself reports deleted. A record that comes back is restored
-- (deleted_at null again). No index covers these columns, so stamping one keeps the update HOT when the page has
-- room (fillfactor 90 leaves it).
ALTER TABLE records ADD COLUMN deleted_at timestamptz;
ALTER TABLE records ADD COLUMN deleted_by_run bigint;
ALTER TABLE records ADD COLUMN last_seen_scan bigint;
ALTER TABLE records SET (fillfactor = 90);

-- The scan in progress of a stream: the id of the run that started it, when that scan reconciles (a full scan of
-- a stream whose full scans are complete); null otherwise.
ALTER TABLE checkpoints ADD COLUMN scan_id bigint;

ALTER TABLE import_run_streams ADD COLUMN deleted bigint NOT NULL DEFAULT 0;

-- What a connection does with a record deleted upstream: keeps it marked deleted (soft) or removes it (hard).
ALTER TABLE connections ADD COLUMN deletes text NOT NULL DEFAULT 'soft';
ALTER TABLE connections ADD CONSTRAINT connections_deletes_known CHECK (deletes IN ('soft', 'hard'));
--rollback ALTER TABLE connections DROP CONSTRAINT connections_deletes_known; ALTER TABLE connections DROP COLUMN deletes; ALTER TABLE import_run_streams DROP COLUMN deleted; ALTER TABLE checkpoints DROP COLUMN scan_id; ALTER TABLE records RESET (fillfactor); ALTER TABLE records DROP COLUMN last_seen_scan; ALTER TABLE records DROP COLUMN deleted_by_run; ALTER TABLE records DROP COLUMN deleted_at;
