--liquibase formatted sql

--changeset inflow:0006-add-connection-schedules
-- A connection's job settings: its cron schedule, an import when a node starts, and a cooldown between runs.
ALTER TABLE connections
    ADD COLUMN schedule_cron      text,
    ADD COLUMN schedule_timezone  text    NOT NULL DEFAULT 'UTC',
    ADD COLUMN schedule_enabled   boolean NOT NULL DEFAULT false,
    ADD COLUMN import_on_startup  boolean NOT NULL DEFAULT false,
    ADD COLUMN cooldown_seconds   bigint  NOT NULL DEFAULT 0,
    ADD CONSTRAINT connections_cooldown_not_negative CHECK (cooldown_seconds >= 0),
    ADD CONSTRAINT connections_enabled_schedule_has_cron CHECK (NOT schedule_enabled OR schedule_cron IS NOT NULL);
--rollback ALTER TABLE connections DROP COLUMN schedule_cron, DROP COLUMN schedule_timezone, DROP COLUMN schedule_enabled, DROP COLUMN import_on_startup, DROP COLUMN cooldown_seconds;
