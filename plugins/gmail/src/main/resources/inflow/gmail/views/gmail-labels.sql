--liquibase formatted sql

--changeset inflow:gmail-labels-view runOnChange:true
--comment: Gmail labels, one row per label and connection. CREATE OR REPLACE VIEW can only add columns at the end.
CREATE OR REPLACE VIEW gmail_labels AS
SELECT connection_id,
       external_id                           AS id,
       payload->>'name'                      AS name,
       payload->>'type'                      AS type,
       payload->>'messageListVisibility'     AS message_list_visibility,
       payload->>'labelListVisibility'       AS label_list_visibility,
       payload->'color'->>'backgroundColor'  AS background_color,
       payload->'color'->>'textColor'        AS text_color
FROM records
WHERE stream = 'labels';
--rollback DROP VIEW IF EXISTS gmail_labels;
