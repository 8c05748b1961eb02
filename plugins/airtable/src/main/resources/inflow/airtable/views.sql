--liquibase formatted sql

--changeset inflow:airtable-0001-records-view runOnChange:true
-- One row per Airtable record of every Airtable connection: its table, id, creation and modification times,
-- and its fields as jsonb (Airtable omits empty fields).
CREATE OR REPLACE VIEW airtable_records AS
SELECT r.connection_id,
       r.stream                                   AS table_name,
       r.external_id                              AS id,
       (r.payload ->> 'createdTime')::timestamptz AS created_time,
       r.source_updated_at                        AS last_modified,
       r.payload -> 'fields'                      AS fields
FROM records r
JOIN connections c ON c.id = r.connection_id
WHERE c.plugin_id = 'airtable';

--changeset inflow:airtable-0002-conversations-view runOnChange:true
-- The clinic chatbot's conversations, typed: one row per record of a table with these fields.
CREATE OR REPLACE VIEW airtable_conversations AS
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
       last_modified
FROM airtable_records;
