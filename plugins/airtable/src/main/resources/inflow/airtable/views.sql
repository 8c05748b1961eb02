--liquibase formatted sql

--changeset inflow:airtable-0001-records-view runOnChange:true
-- One row per Airtable record of every Airtable connection: its table, id, creation and modification times,
-- and its fields as jsonb (Airtable omits empty fields). airtable_records_all holds every record Inflow keeps,
-- those deleted upstream too, with when (deleted_at) and by which run (deleted_by_run) each was found deleted;
-- airtable_records only those that exist upstream, as every view below.
CREATE OR REPLACE VIEW airtable_records_all AS
SELECT r.connection_id,
       r.stream                                   AS table_name,
       r.external_id                              AS id,
       (r.payload ->> 'createdTime')::timestamptz AS created_time,
       r.source_updated_at                        AS last_modified,
       r.payload -> 'fields'                      AS fields,
       r.deleted_at,
       r.deleted_by_run
FROM records r
JOIN connections c ON c.id = r.connection_id
WHERE c.plugin_id = 'airtable'
  AND inflow_imports_stream(c.streams, r.stream);

CREATE OR REPLACE VIEW airtable_records AS
SELECT connection_id, table_name, id, created_time, last_modified, fields
FROM airtable_records_all
WHERE deleted_at IS NULL;

--changeset inflow:airtable-0002-conversations-view runOnChange:true
-- The clinic chatbot's conversations, typed: one row per record of a table with these fields; the _all twin
-- with the records deleted upstream too.
CREATE OR REPLACE VIEW airtable_conversations_all AS
SELECT connection_id,
       table_name,
       id,
       fields ->> 'Clinic'                          AS clinic,
       fields ->> 'User ID'                         AS user_id,
       fields ->> 'Automation'                      AS automation,
       fields ->> 'Booking'                         AS booking,
       COALESCE(fields ->> 'Lead Created', 'No') = 'Yes' AS lead_created,
       COALESCE((fields ->> 'Engaged')::boolean, false)  AS engaged,
       (fields ->> 'Messages')::int                 AS messages,
       (fields ->> 'Created')::timestamptz          AS created,
       last_modified,
       deleted_at,
       deleted_by_run
FROM airtable_records_all;

CREATE OR REPLACE VIEW airtable_conversations AS
SELECT connection_id, table_name, id, clinic, user_id, automation, booking, lead_created, engaged, messages,
       created, last_modified
FROM airtable_conversations_all
WHERE deleted_at IS NULL;
