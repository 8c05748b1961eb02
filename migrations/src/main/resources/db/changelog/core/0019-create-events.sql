--liquibase formatted sql

--changeset inflow:0019-create-events
-- What happened to runs, the scheduler and plugins, for every node's Server-Sent Events (GET /api/v1/events): one row
-- per event, numbered in the order the events committed, kept for a bounded time (events.retention).
--   data  what the event tells, as it was when it happened: for a run event the run's row and its streams' rows
--         (to_jsonb of each), for a scheduler event the scheduler_state row, for a plugin event the plugin as the
--         API shows it and the node that changed it
CREATE TABLE events (
    id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type    text        NOT NULL,
    run_id  bigint,
    at      timestamptz NOT NULL,
    data    jsonb       NOT NULL
);
-- a run's own stream (GET /api/v1/imports/{id}/events) and the progress throttle read a run's events by id
CREATE INDEX events_by_run ON events (run_id, id) WHERE run_id IS NOT NULL;
-- pruning deletes by age
CREATE INDEX events_by_time ON events (at);

-- The largest id pruning removed: a client resuming from an older id has missed events and is told so (reset).
CREATE TABLE events_pruned (
    id          int    PRIMARY KEY CHECK (id = 1),
    through_id  bigint NOT NULL
);
INSERT INTO events_pruned (id, through_id) VALUES (1, 0);
--rollback DROP TABLE events_pruned; DROP TABLE events;

--changeset inflow:0019-create-events-emit splitStatements:false
-- Records an event and wakes every node's feed (LISTEN inflow_events). Ids must be in commit order, or a feed that
-- read id 11 would never see an id 10 that committed after it: the advisory lock, taken just before the id is drawn
-- and held until the transaction ends, makes every transaction that records an event commit in id order. The
-- triggers below record events at commit (they are deferred), so the lock is held for the commit only.
CREATE FUNCTION inflow_emit_event(p_type text, p_run_id bigint, p_data jsonb) RETURNS bigint
    LANGUAGE plpgsql AS $$
DECLARE
    v_id bigint;
BEGIN
    -- "inflowEV" in ASCII: a key no other user of the database takes
    PERFORM pg_advisory_xact_lock(7597122237333194070);
    INSERT INTO events (type, run_id, at, data) VALUES (p_type, p_run_id, clock_timestamp(), p_data)
        RETURNING id INTO v_id;
    PERFORM pg_notify('inflow_events', v_id::text);
    RETURN v_id;
END
$$;

-- A run as its events carry it: its row and its streams' rows, in their order.
CREATE FUNCTION inflow_run_snapshot(p_run import_runs) RETURNS jsonb
    LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object('run', to_jsonb(p_run), 'streams', COALESCE(
        (SELECT jsonb_agg(to_jsonb(s) ORDER BY s.position) FROM import_run_streams s WHERE s.run_id = p_run.id),
        '[]'::jsonb))
$$;

-- A run was queued, or its status or upstream wait changed: every node, every code path (a trigger, a claim, a
-- cancel, a node's death noticed by another) records it here, in the transaction that made the change.
CREATE FUNCTION inflow_run_event() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    v_type text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        v_type := 'run.queued';
    ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
        v_type := CASE NEW.status
            WHEN 'queued' THEN 'run.queued'
            WHEN 'running' THEN 'run.started'
            WHEN 'waiting' THEN 'run.waiting'
            WHEN 'succeeded' THEN 'run.succeeded'
            WHEN 'failed' THEN 'run.failed'
            WHEN 'cancelled' THEN 'run.cancelled'
            WHEN 'interrupted' THEN 'run.interrupted'
            ELSE 'run.progress' END; -- cancelling: still active, asked to stop
    ELSIF NEW.waiting_until IS NOT NULL THEN
        v_type := 'run.waiting';
    ELSE
        v_type := 'run.progress'; -- its wait on the upstream is over
    END IF;
    PERFORM inflow_emit_event(v_type, NEW.id, inflow_run_snapshot(NEW));
    RETURN NULL;
END
$$;

-- A stream's counts, status or estimate changed: a progress event, at most one per run every
-- inflow.progress_interval (500 ms unless the setting says otherwise), measured from the run's last event of any
-- type, which carried the run whole. Commits in between record nothing; the next event carries their counts, and
-- every run ends with an event of its own. Only while the run is running or cancelling: a stream's last update
-- before the run's end is told by the end event.
CREATE FUNCTION inflow_stream_event() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    v_interval interval := COALESCE(NULLIF(current_setting('inflow.progress_interval', true), ''),
                                    '500 milliseconds')::interval;
    v_last timestamptz;
    v_run import_runs;
BEGIN
    SELECT e.at INTO v_last FROM events e WHERE e.run_id = NEW.run_id ORDER BY e.id DESC LIMIT 1;
    IF v_last IS NOT NULL AND clock_timestamp() - v_last < v_interval THEN
        RETURN NULL;
    END IF;
    SELECT * INTO v_run FROM import_runs r WHERE r.id = NEW.run_id;
    IF v_run.status IN ('running', 'cancelling') THEN
        PERFORM inflow_emit_event('run.progress', NEW.run_id, inflow_run_snapshot(v_run));
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION inflow_scheduler_event() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM inflow_emit_event(CASE WHEN NEW.running THEN 'scheduler.started' ELSE 'scheduler.stopped' END, NULL,
                              jsonb_build_object('scheduler', to_jsonb(NEW)));
    RETURN NULL;
END
$$;

-- Deferred: they run as their transaction commits, so a run's event sees the streams inserted after it, and the
-- lock of inflow_emit_event is held for the commit only. A heartbeat (heartbeat_at) records nothing.
CREATE CONSTRAINT TRIGGER import_runs_queued_event AFTER INSERT ON import_runs
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION inflow_run_event();
CREATE CONSTRAINT TRIGGER import_runs_changed_event AFTER UPDATE ON import_runs
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status
          OR OLD.waiting_until IS DISTINCT FROM NEW.waiting_until
          OR OLD.waiting_reason IS DISTINCT FROM NEW.waiting_reason)
    EXECUTE FUNCTION inflow_run_event();
CREATE CONSTRAINT TRIGGER import_run_streams_progress_event AFTER UPDATE ON import_run_streams
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status
          OR OLD.inserted <> NEW.inserted OR OLD.updated <> NEW.updated OR OLD.unchanged <> NEW.unchanged
          OR OLD.failed <> NEW.failed OR OLD.deleted <> NEW.deleted
          OR OLD.estimated_total IS DISTINCT FROM NEW.estimated_total)
    EXECUTE FUNCTION inflow_stream_event();
CREATE CONSTRAINT TRIGGER scheduler_state_event AFTER UPDATE ON scheduler_state
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION inflow_scheduler_event();
--rollback DROP TRIGGER scheduler_state_event ON scheduler_state; DROP TRIGGER import_run_streams_progress_event ON import_run_streams; DROP TRIGGER import_runs_changed_event ON import_runs; DROP TRIGGER import_runs_queued_event ON import_runs; DROP FUNCTION inflow_scheduler_event(); DROP FUNCTION inflow_stream_event(); DROP FUNCTION inflow_run_event(); DROP FUNCTION inflow_run_snapshot(import_runs); DROP FUNCTION inflow_emit_event(text, bigint, jsonb);
