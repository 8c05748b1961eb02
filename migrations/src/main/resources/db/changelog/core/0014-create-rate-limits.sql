--liquibase formatted sql

--changeset inflow:0014-create-rate-limits
-- The rate limit of each upstream scope (an Airtable base, a Toast restaurant, a connection), shared by every node:
-- the calls that count in its window, and a hold on the whole scope after a 429 (an upstream's lock-out).
-- Unlogged: nothing here needs to outlive a crash of PostgreSQL, and calls must not wait for a WAL flush.
CREATE UNLOGGED TABLE rate_limit_scopes (
    scope        text PRIMARY KEY,
    held_until   timestamptz,
    held_reason  text
);

-- A call counts from the moment it may be sent until one window after its answer came back (finished_at); a
-- call whose node died before it finished counts until one window after expires_at, the longest a call can take.
CREATE UNLOGGED TABLE rate_limit_permits (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope        text        NOT NULL,
    node         text        NOT NULL,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    expires_at   timestamptz NOT NULL
);
-- every query of a scope's calls reads only those in flight or finished within its window
CREATE INDEX rate_limit_permits_by_scope ON rate_limit_permits (scope, finished_at);
--rollback DROP TABLE rate_limit_permits; DROP TABLE rate_limit_scopes;

--changeset inflow:0014-create-rate-limits-acquire splitStatements:false
-- One round trip per permit: the scope's row serialises every caller of the scope, on every node, and the
-- database's clock is the one clock they all share.
--   permit_id  the permit, when the call may go now
--   wait_ms    else, how long until it may at the earliest
--   held_until, held_reason  when the scope is held after a 429, until when and why
CREATE FUNCTION inflow_acquire_permit(p_scope text, p_permits integer, p_window_ms bigint, p_node text,
                                      p_max_call_ms bigint)
    RETURNS TABLE (permit_id bigint, wait_ms bigint, held_until timestamptz, held_reason text)
    LANGUAGE plpgsql AS $$
DECLARE
    v_window interval := p_window_ms * interval '1 millisecond';
    v_now    timestamptz;
    v_held   timestamptz;
    v_reason text;
    v_count  integer;
    v_next   timestamptz;
BEGIN
    INSERT INTO rate_limit_scopes (scope) VALUES (p_scope) ON CONFLICT (scope) DO NOTHING;
    SELECT s.held_until, s.held_reason INTO v_held, v_reason FROM rate_limit_scopes s WHERE s.scope = p_scope FOR UPDATE;
    v_now := clock_timestamp();
    IF v_held IS NOT NULL AND v_held > v_now THEN
        RETURN QUERY SELECT NULL::bigint, GREATEST(1, ceil(extract(epoch FROM v_held - v_now) * 1000))::bigint,
            v_held, v_reason;
        RETURN;
    END IF;
    -- calls long out of every window: a minute is longer than any window (connections sharing a scope may
    -- differ in rate), and keeps the table small whatever the rate
    DELETE FROM rate_limit_permits p WHERE p.scope = p_scope AND p.finished_at < v_now - interval '1 minute';
    DELETE FROM rate_limit_permits p WHERE p.scope = p_scope AND p.finished_at IS NULL
        AND p.expires_at < v_now - interval '1 minute';
    -- a call counts until one window after its answer; one still in flight, not before now + window
    SELECT count(*), min(CASE WHEN p.finished_at IS NOT NULL THEN p.finished_at + v_window
                              WHEN p.expires_at <= v_now THEN p.expires_at + v_window
                              ELSE v_now + v_window END)
        INTO v_count, v_next
        FROM rate_limit_permits p
        WHERE p.scope = p_scope
          AND (p.finished_at > v_now - v_window OR (p.finished_at IS NULL AND p.expires_at > v_now - v_window));
    IF v_count < p_permits THEN
        RETURN QUERY INSERT INTO rate_limit_permits (scope, node, started_at, expires_at)
            VALUES (p_scope, p_node, v_now, v_now + p_max_call_ms * interval '1 millisecond')
            RETURNING id, 0::bigint, NULL::timestamptz, NULL::text;
        RETURN;
    END IF;
    RETURN QUERY SELECT NULL::bigint, GREATEST(1, ceil(extract(epoch FROM v_next - v_now) * 1000))::bigint,
        NULL::timestamptz, NULL::text;
END
$$;
--rollback DROP FUNCTION inflow_acquire_permit(text, integer, bigint, text, bigint);
