--liquibase formatted sql

--changeset inflow:0004-create-records
-- The imported data. content_hash is md5 of the payload's canonical jsonb text, so an upsert can tell a
-- changed record from an unchanged one without comparing documents, and skip writing the unchanged.
CREATE TABLE records (
    connection_id      bigint      NOT NULL REFERENCES connections (id),
    stream             text        NOT NULL,
    external_id        text        NOT NULL,
    payload            jsonb       NOT NULL,
    content_hash       uuid        NOT NULL,
    source_updated_at  timestamptz,
    inserted_by_run    bigint      NOT NULL,
    updated_by_run     bigint      NOT NULL,
    inserted_at        timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (connection_id, stream, external_id)
);
--rollback DROP TABLE records;
