--liquibase formatted sql

--changeset inflow:gmail-messages-all-view runOnChange:true
--comment: Every Gmail message Inflow has stored, one row per message and connection, with their headers as columns, those deleted in Gmail (or moved to Spam or Trash when the connection leaves them out) included: deleted_at, deleted_by_run. CREATE OR REPLACE VIEW can only add columns at the end.
CREATE OR REPLACE VIEW gmail_messages_all AS
SELECT r.connection_id,
       r.external_id                                             AS id,
       r.payload->>'threadId'                                    AS thread_id,
       h.from_header                                             AS "from",
       h.to_header                                               AS "to",
       h.subject,
       CASE WHEN r.payload->>'internalDate' ~ '^[0-9]+$'
            THEN to_timestamp((r.payload->>'internalDate')::bigint / 1000.0) END AS date,
       ARRAY(SELECT jsonb_array_elements_text(
                 CASE WHEN jsonb_typeof(r.payload->'labelIds') = 'array' THEN r.payload->'labelIds' ELSE '[]'::jsonb END))
                                                                 AS label_ids,
       r.payload->>'snippet'                                     AS snippet,
       CASE WHEN r.payload->>'historyId' ~ '^[0-9]+$' THEN (r.payload->>'historyId')::numeric END AS history_id,
       CASE WHEN jsonb_typeof(r.payload->'sizeEstimate') = 'number' THEN (r.payload->>'sizeEstimate')::bigint END
                                                                 AS size_estimate,
       h.date_header,
       r.deleted_at,
       r.deleted_by_run
FROM records r
LEFT JOIN LATERAL (
    SELECT max(header->>'value') FILTER (WHERE lower(header->>'name') = 'from')    AS from_header,
           max(header->>'value') FILTER (WHERE lower(header->>'name') = 'to')      AS to_header,
           max(header->>'value') FILTER (WHERE lower(header->>'name') = 'subject') AS subject,
           max(header->>'value') FILTER (WHERE lower(header->>'name') = 'date')    AS date_header
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(r.payload->'payload'->'headers') = 'array'
                                   THEN r.payload->'payload'->'headers' ELSE '[]'::jsonb END) AS header
) h ON true
JOIN connections conn ON conn.id = r.connection_id
WHERE r.stream = 'messages'
  AND conn.plugin_id = 'gmail'
  AND inflow_imports_stream(conn.streams, r.stream);
--rollback DROP VIEW IF EXISTS gmail_messages_all;

--changeset inflow:gmail-messages-view runOnChange:true
--comment: Gmail messages, one row per message and connection, with their headers as columns, those deleted in Gmail (or moved to Spam or Trash when the connection leaves them out) left out. CREATE OR REPLACE VIEW can only add columns at the end.
CREATE OR REPLACE VIEW gmail_messages AS
SELECT connection_id, id, thread_id, "from", "to", subject, date, label_ids, snippet, history_id, size_estimate,
       date_header
FROM gmail_messages_all
WHERE deleted_at IS NULL;
--rollback DROP VIEW IF EXISTS gmail_messages;
