--liquibase formatted sql

--changeset inflow:0021-create-scan-seen
-- What a reconciling scan saw of the records it did not write: the ids of unchanged records (and of records it
-- could not store). Stamping each unchanged record's last_seen_scan rewrote every row of the stream on every full
-- import (a new tuple version, WAL with full-page images, vacuum debt): 11 µs a record in PostgreSQL, where
-- appending an id here costs under 1 µs. Records a scan writes (new, changed, restored) still carry its id in
-- last_seen_scan; the reconcile at the end of the scan marks deleted what is in neither, then forgets the scan's
-- ids. UNLOGGED: no WAL. PostgreSQL empties an unlogged table after a crash (not after a clean stop), so each
-- scan also counts its ids in checkpoints.scan_seen, durably, in the transaction that adds them: a scan that finds
-- fewer ids than it counted does not reconcile (the next complete scan will).
CREATE UNLOGGED TABLE scan_seen (
    connection_id bigint NOT NULL,
    stream        text   NOT NULL,
    scan_id       bigint NOT NULL,
    external_id   text   NOT NULL
);

ALTER TABLE checkpoints ADD COLUMN scan_seen bigint NOT NULL DEFAULT 0;
--rollback ALTER TABLE checkpoints DROP COLUMN scan_seen; DROP TABLE scan_seen;
