--liquibase formatted sql

--changeset inflow:gmail-labels-all-view runOnChange:true
--comment: Every Gmail label Inflow has stored, one row per label and connection, those deleted in Gmail included (deleted_at, deleted_by_run). CREATE OR REPLACE VIEW can only add columns at the end.
CREATE OR REPLACE VIEW gmail_labels_all AS
SELECT r.connection_id,
       r.external_id                           AS id,
       r.payload->>'name'                      AS name,
       r.payload->>'type'                      AS type,
       r.payload->>'messageListVisibility'     AS message_list_visibility,
       r.payload->>'labelListVisibility'       AS label_list_visibility,
       r.payload->'color'->>'backgroundColor'  AS background_color,
       r.payload->'color'->>'textColor'        AS text_color,
       r.deleted_at,
       r.deleted_by_run
FROM records r
JOIN connections conn ON conn.id = r.connection_id
WHERE r.stream = 'labels'
  AND conn.plugin_id = 'gmail'
  AND inflow_imports_stream(conn.streams, r.stream);
--rollback DROP VIEW IF EXISTS gmail_labels_all;

--changeset inflow:gmail-labels-view runOnChange:true
--comment: Gmail labels, one row per label and connection, those deleted in Gmail left out. CREATE OR REPLACE VIEW can only add columns at the end.
CREATE OR REPLACE VIEW gmail_labels AS
SELECT connection_id, id, name, type, message_list_visibility, label_list_visibility, background_color, text_color
FROM gmail_labels_all
WHERE deleted_at IS NULL;
--rollback DROP VIEW IF EXISTS gmail_labels;
