--liquibase formatted sql

--changeset inflow:toast-orders-all-view runOnChange:true
--comment: One row per Toast order Inflow has stored, those deleted in Toast included (deleted_at, deleted_by_run): its business date, times, guests and totals over its checks.
-- amount is net sales (after discounts, before tax and tips) of the checks that were not voided or deleted;
-- tax_amount, total_amount and tip_amount likewise. Voided orders keep their figures: filter on voided.
-- deleted is Toast's own flag as stored; deleted_at is when Inflow learnt the order was deleted.
CREATE OR REPLACE VIEW toast_orders_all AS
SELECT r.connection_id,
       r.external_id                                         AS id,
       to_date(r.payload->>'businessDate', 'YYYYMMDD')       AS business_date,
       (r.payload->>'openedDate')::timestamptz               AS opened_at,
       (r.payload->>'closedDate')::timestamptz               AS closed_at,
       (r.payload->>'paidDate')::timestamptz                 AS paid_at,
       (r.payload->>'modifiedDate')::timestamptz             AS modified_at,
       r.payload->>'displayNumber'                           AS display_number,
       r.payload->>'source'                                  AS source,
       r.payload->>'approvalStatus'                          AS approval_status,
       r.payload->'diningOption'->>'guid'                    AS dining_option_guid,
       r.payload->'revenueCenter'->>'guid'                   AS revenue_center_guid,
       r.payload->'server'->>'guid'                          AS server_guid,
       (r.payload->>'numberOfGuests')::numeric::integer      AS guests,
       coalesce(r.payload->'voided' = 'true', false)         AS voided,
       coalesce(r.payload->'deleted' = 'true', false)        AS deleted,
       totals.checks,
       coalesce(totals.amount, 0)                            AS amount,
       coalesce(totals.tax_amount, 0)                        AS tax_amount,
       coalesce(totals.total_amount, 0)                      AS total_amount,
       coalesce(totals.tip_amount, 0)                        AS tip_amount,
       r.deleted_at,
       r.deleted_by_run
FROM records r
CROSS JOIN LATERAL (
    SELECT count(*)                                          AS checks,
           sum((c.value->>'amount')::numeric) FILTER (WHERE c.counted)      AS amount,
           sum((c.value->>'taxAmount')::numeric) FILTER (WHERE c.counted)   AS tax_amount,
           sum((c.value->>'totalAmount')::numeric) FILTER (WHERE c.counted) AS total_amount,
           sum(c.tips) FILTER (WHERE c.counted)                             AS tip_amount
    FROM (
        SELECT ch.value,
               ch.value->'voided' IS DISTINCT FROM 'true' AND ch.value->'deleted' IS DISTINCT FROM 'true' AS counted,
               (SELECT sum((p.value->>'tipAmount')::numeric)
                FROM jsonb_array_elements(coalesce(nullif(ch.value->'payments', 'null'), '[]')) AS p(value)) AS tips
        FROM jsonb_array_elements(coalesce(nullif(r.payload->'checks', 'null'), '[]')) AS ch(value)
    ) AS c
) AS totals
JOIN connections conn ON conn.id = r.connection_id
WHERE r.stream = 'orders'
  AND conn.plugin_id = 'toast'
  AND inflow_imports_stream(conn.streams, r.stream);
--rollback DROP VIEW IF EXISTS toast_orders_all;

--changeset inflow:toast-orders-view runOnChange:true
--comment: One row per Toast order, those deleted in Toast left out: its business date, times, guests and totals over its checks (see toast_orders_all).
CREATE OR REPLACE VIEW toast_orders AS
SELECT connection_id, id, business_date, opened_at, closed_at, paid_at, modified_at, display_number, source,
       approval_status, dining_option_guid, revenue_center_guid, server_guid, guests, voided, deleted, checks, amount,
       tax_amount, total_amount, tip_amount
FROM toast_orders_all
WHERE deleted_at IS NULL;
--rollback DROP VIEW IF EXISTS toast_orders;

--changeset inflow:toast-checks-all-view runOnChange:true
--comment: One row per check of a Toast order Inflow has stored, orders deleted in Toast included (deleted_at, deleted_by_run: the order's).
CREATE OR REPLACE VIEW toast_checks_all AS
SELECT r.connection_id,
       ch.value->>'guid'                                     AS id,
       r.external_id                                         AS order_id,
       to_date(r.payload->>'businessDate', 'YYYYMMDD')       AS business_date,
       ch.value->>'displayNumber'                            AS display_number,
       (ch.value->>'openedDate')::timestamptz                AS opened_at,
       (ch.value->>'closedDate')::timestamptz                AS closed_at,
       (ch.value->>'paidDate')::timestamptz                  AS paid_at,
       ch.value->>'paymentStatus'                            AS payment_status,
       coalesce(ch.value->'voided' = 'true', false)          AS voided,
       coalesce(ch.value->'deleted' = 'true', false)         AS deleted,
       jsonb_array_length(CASE jsonb_typeof(ch.value->'selections') WHEN 'array' THEN ch.value->'selections'
                          ELSE '[]' END)                     AS selections,
       (ch.value->>'amount')::numeric                        AS amount,
       (ch.value->>'taxAmount')::numeric                     AS tax_amount,
       (ch.value->>'totalAmount')::numeric                   AS total_amount,
       r.deleted_at,
       r.deleted_by_run
FROM records r
CROSS JOIN LATERAL jsonb_array_elements(coalesce(nullif(r.payload->'checks', 'null'), '[]')) AS ch(value)
JOIN connections conn ON conn.id = r.connection_id
WHERE r.stream = 'orders'
  AND conn.plugin_id = 'toast'
  AND inflow_imports_stream(conn.streams, r.stream);
--rollback DROP VIEW IF EXISTS toast_checks_all;

--changeset inflow:toast-checks-view runOnChange:true
--comment: One row per check of a Toast order, orders deleted in Toast left out.
CREATE OR REPLACE VIEW toast_checks AS
SELECT connection_id, id, order_id, business_date, display_number, opened_at, closed_at, paid_at, payment_status,
       voided, deleted, selections, amount, tax_amount, total_amount
FROM toast_checks_all
WHERE deleted_at IS NULL;
--rollback DROP VIEW IF EXISTS toast_checks;

--changeset inflow:toast-payments-all-view runOnChange:true
--comment: One row per payment of a check of a Toast order Inflow has stored, orders deleted in Toast included (deleted_at, deleted_by_run: the order's).
CREATE OR REPLACE VIEW toast_payments_all AS
SELECT r.connection_id,
       p.value->>'guid'                                      AS id,
       r.external_id                                         AS order_id,
       ch.value->>'guid'                                     AS check_id,
       to_date(r.payload->>'businessDate', 'YYYYMMDD')       AS business_date,
       to_date(p.value->>'paidBusinessDate', 'YYYYMMDD')     AS paid_business_date,
       (p.value->>'paidDate')::timestamptz                   AS paid_at,
       p.value->>'type'                                      AS type,
       p.value->>'cardType'                                  AS card_type,
       p.value->>'paymentStatus'                             AS payment_status,
       p.value->>'refundStatus'                              AS refund_status,
       (p.value->>'amount')::numeric                         AS amount,
       (p.value->>'tipAmount')::numeric                      AS tip_amount,
       r.deleted_at,
       r.deleted_by_run
FROM records r
CROSS JOIN LATERAL jsonb_array_elements(coalesce(nullif(r.payload->'checks', 'null'), '[]')) AS ch(value)
CROSS JOIN LATERAL jsonb_array_elements(coalesce(nullif(ch.value->'payments', 'null'), '[]')) AS p(value)
JOIN connections conn ON conn.id = r.connection_id
WHERE r.stream = 'orders'
  AND conn.plugin_id = 'toast'
  AND inflow_imports_stream(conn.streams, r.stream);
--rollback DROP VIEW IF EXISTS toast_payments_all;

--changeset inflow:toast-payments-view runOnChange:true
--comment: One row per payment of a check of a Toast order, orders deleted in Toast left out.
CREATE OR REPLACE VIEW toast_payments AS
SELECT connection_id, id, order_id, check_id, business_date, paid_business_date, paid_at, type, card_type,
       payment_status, refund_status, amount, tip_amount
FROM toast_payments_all
WHERE deleted_at IS NULL;
--rollback DROP VIEW IF EXISTS toast_payments;
