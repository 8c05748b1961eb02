--liquibase formatted sql

--changeset inflow:0013-create-connection-state
-- What a connector keeps per connection across runs, checks, nodes and restarts (plugin-api ConnectionState), such
-- as a staff token that lives 24 hours. Values are secrets: never logged, never shown in an API answer, deleted
-- with the connection. They are written and read only through ConnectionStates in the server, the one place where
-- encryption at rest will be added.
CREATE TABLE connection_state (
    connection_id  bigint      NOT NULL REFERENCES connections (id),
    key            text        NOT NULL,
    value          text        NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (connection_id, key)
);
--rollback DROP TABLE connection_state;
