--liquibase formatted sql

--changeset inflow:0001-create-connections
CREATE TABLE connections (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plugin_id   text        NOT NULL,
    name        text        NOT NULL,
    config      jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT connections_name_unique UNIQUE (name),
    CONSTRAINT connections_name_not_blank CHECK (btrim(name) <> '')
);
--rollback DROP TABLE connections;
