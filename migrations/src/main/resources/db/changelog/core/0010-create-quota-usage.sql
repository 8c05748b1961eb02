--liquibase formatted sql

--changeset inflow:0010-create-quota-usage
-- Upstream calls per connection and quota window, counted in the database so a quota holds across restarts and
-- nodes: each call is one conditional upsert of its window's row.
CREATE TABLE quota_usage (
    connection_id  bigint      NOT NULL REFERENCES connections (id),
    window_start   timestamptz NOT NULL,
    calls          bigint      NOT NULL,
    PRIMARY KEY (connection_id, window_start)
);
--rollback DROP TABLE quota_usage;
