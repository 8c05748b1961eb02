--liquibase formatted sql
-- Each view shows the records that exist upstream; its _all twin (mindbody_clients_all, ...) every record Inflow
-- keeps, those found deleted upstream too, with when (deleted_at) and by which run (deleted_by_run). Both leave out
-- the streams a connection does not import (its streams setting).

--changeset inflow:mindbody-0001-clients-view runOnChange:true
-- One row per client of every Mindbody connection. id is Mindbody's UniqueId (the system id); client_id is the
-- business's own id for the client, which it may change. last_modified is LastModifiedDateTime. A client made
-- inactive (or terminated, suspended, ...) is not deleted: it stays here, with its status and active.
CREATE OR REPLACE VIEW mindbody_clients_all AS
SELECT r.connection_id,
       r.external_id::bigint                            AS id,
       r.payload ->> 'Id'                               AS client_id,
       r.payload ->> 'FirstName'                        AS first_name,
       r.payload ->> 'LastName'                         AS last_name,
       r.payload ->> 'Email'                            AS email,
       r.payload ->> 'MobilePhone'                      AS mobile_phone,
       r.payload ->> 'Status'                           AS status,
       (r.payload ->> 'Active')::boolean                AS active,
       (r.payload ->> 'IsProspect')::boolean            AS is_prospect,
       r.payload ->> 'Gender'                           AS gender,
       left(r.payload ->> 'BirthDate', 10)::date        AS birth_date,
       r.payload ->> 'City'                             AS city,
       r.payload ->> 'State'                            AS state,
       r.payload ->> 'PostalCode'                       AS postal_code,
       r.payload ->> 'Country'                          AS country,
       (r.payload -> 'HomeLocation' ->> 'Id')::int      AS home_location_id,
       r.payload -> 'HomeLocation' ->> 'Name'           AS home_location,
       (r.payload ->> 'AccountBalance')::numeric(12, 2) AS account_balance,
       (r.payload ->> 'SendPromotionalEmails')::boolean AS promotional_emails,
       r.payload ->> 'ReferredBy'                       AS referred_by,
       (r.payload ->> 'CreationDate')::timestamptz      AS created_at,
       r.source_updated_at                              AS last_modified,
       r.deleted_at,
       r.deleted_by_run
FROM records r
JOIN connections c ON c.id = r.connection_id
WHERE c.plugin_id = 'mindbody'
  AND r.stream = 'clients'
  AND inflow_imports_stream(c.streams, r.stream);

CREATE OR REPLACE VIEW mindbody_clients AS
SELECT connection_id, id, client_id, first_name, last_name, email, mobile_phone, status, active, is_prospect,
       gender, birth_date, city, state, postal_code, country, home_location_id, home_location, account_balance,
       promotional_emails, referred_by, created_at, last_modified
FROM mindbody_clients_all
WHERE deleted_at IS NULL;

--changeset inflow:mindbody-0002-classes-view runOnChange:true
-- One row per class description: the catalogue of class types a site teaches.
CREATE OR REPLACE VIEW mindbody_classes_all AS
SELECT r.connection_id,
       r.external_id::bigint                                  AS id,
       r.payload ->> 'Name'                                   AS name,
       r.payload ->> 'Description'                            AS description,
       (r.payload -> 'Program' ->> 'Id')::int                 AS program_id,
       r.payload -> 'Program' ->> 'Name'                      AS program,
       (r.payload -> 'SessionType' ->> 'Id')::int             AS session_type_id,
       r.payload -> 'SessionType' ->> 'Name'                  AS session_type,
       (r.payload -> 'SessionType' ->> 'DefaultTimeLength')::int AS default_minutes,
       r.payload ->> 'Category'                               AS category,
       r.payload -> 'Level' ->> 'Name'                        AS level,
       (r.payload ->> 'Active')::boolean                      AS active,
       (r.payload ->> 'LastUpdated')::timestamp               AS last_updated,
       r.deleted_at,
       r.deleted_by_run
FROM records r
JOIN connections c ON c.id = r.connection_id
WHERE c.plugin_id = 'mindbody'
  AND r.stream = 'classes'
  AND inflow_imports_stream(c.streams, r.stream);

CREATE OR REPLACE VIEW mindbody_classes AS
SELECT connection_id, id, name, description, program_id, program, session_type_id, session_type,
       default_minutes, category, level, active, last_updated
FROM mindbody_classes_all
WHERE deleted_at IS NULL;

--changeset inflow:mindbody-0003-class-schedules-view runOnChange:true
-- One row per scheduled class (an occurrence on a day), its times on the site's wall clock.
CREATE OR REPLACE VIEW mindbody_class_schedules_all AS
SELECT r.connection_id,
       r.external_id::bigint                                  AS id,
       (r.payload ->> 'ClassScheduleId')::bigint              AS class_schedule_id,
       (r.payload -> 'ClassDescription' ->> 'Id')::bigint     AS class_id,
       r.payload -> 'ClassDescription' ->> 'Name'             AS class_name,
       r.payload -> 'ClassDescription' -> 'Program' ->> 'Name' AS program,
       (r.payload ->> 'StartDateTime')::timestamp             AS start_date_time,
       (r.payload ->> 'EndDateTime')::timestamp               AS end_date_time,
       (r.payload -> 'Location' ->> 'Id')::int                AS location_id,
       r.payload -> 'Location' ->> 'Name'                     AS location,
       (r.payload -> 'Staff' ->> 'Id')::bigint                AS staff_id,
       r.payload -> 'Staff' ->> 'DisplayName'                 AS staff_name,
       (r.payload ->> 'MaxCapacity')::int                     AS max_capacity,
       (r.payload ->> 'WebCapacity')::int                     AS web_capacity,
       (r.payload ->> 'TotalBooked')::int                     AS total_booked,
       (r.payload ->> 'TotalSignedIn')::int                   AS total_signed_in,
       (r.payload ->> 'TotalBookedWaitlist')::int             AS total_booked_waitlist,
       (r.payload ->> 'WebBooked')::int                       AS web_booked,
       (r.payload ->> 'IsCanceled')::boolean                  AS is_canceled,
       (r.payload ->> 'Substitute')::boolean                  AS substitute,
       (r.payload ->> 'Active')::boolean                      AS active,
       r.source_updated_at                                    AS last_modified,
       r.deleted_at,
       r.deleted_by_run
FROM records r
JOIN connections c ON c.id = r.connection_id
WHERE c.plugin_id = 'mindbody'
  AND r.stream = 'class_schedules'
  AND inflow_imports_stream(c.streams, r.stream);

CREATE OR REPLACE VIEW mindbody_class_schedules AS
SELECT connection_id, id, class_schedule_id, class_id, class_name, program, start_date_time, end_date_time,
       location_id, location, staff_id, staff_name, max_capacity, web_capacity, total_booked, total_signed_in,
       total_booked_waitlist, web_booked, is_canceled, substitute, active, last_modified
FROM mindbody_class_schedules_all
WHERE deleted_at IS NULL;

--changeset inflow:mindbody-0004-visits-view runOnChange:true
-- One row per visit (a client's booking of a scheduled class); class_id joins mindbody_class_schedules.id and
-- client_unique_id joins mindbody_clients.id.
CREATE OR REPLACE VIEW mindbody_visits_all AS
SELECT r.connection_id,
       r.external_id::bigint                       AS id,
       (r.payload ->> 'ClassId')::bigint           AS class_id,
       r.payload ->> 'ClientId'                    AS client_id,
       (r.payload ->> 'ClientUniqueId')::bigint    AS client_unique_id,
       r.payload ->> 'Name'                        AS class_name,
       (r.payload ->> 'StartDateTime')::timestamp  AS start_date_time,
       (r.payload ->> 'EndDateTime')::timestamp    AS end_date_time,
       (r.payload ->> 'LocationId')::int           AS location_id,
       (r.payload ->> 'StaffId')::bigint           AS staff_id,
       (r.payload ->> 'ServiceId')::bigint         AS service_id,
       r.payload ->> 'ServiceName'                 AS service_name,
       (r.payload ->> 'SignedIn')::boolean         AS signed_in,
       (r.payload ->> 'LateCancelled')::boolean    AS late_cancelled,
       (r.payload ->> 'Missed')::boolean           AS missed,
       (r.payload ->> 'MakeUp')::boolean           AS make_up,
       (r.payload ->> 'WebSignup')::boolean        AS web_signup,
       r.payload ->> 'AppointmentStatus'           AS appointment_status,
       r.source_updated_at                         AS last_modified,
       r.deleted_at,
       r.deleted_by_run
FROM records r
JOIN connections c ON c.id = r.connection_id
WHERE c.plugin_id = 'mindbody'
  AND r.stream = 'visits'
  AND inflow_imports_stream(c.streams, r.stream);

CREATE OR REPLACE VIEW mindbody_visits AS
SELECT connection_id, id, class_id, client_id, client_unique_id, class_name, start_date_time, end_date_time,
       location_id, staff_id, service_id, service_name, signed_in, late_cancelled, missed, make_up, web_signup,
       appointment_status, last_modified
FROM mindbody_visits_all
WHERE deleted_at IS NULL;

--changeset inflow:mindbody-0005-sales-view runOnChange:true
-- One row per sale, with its items' and payments' totals; the items and payments themselves as jsonb.
CREATE OR REPLACE VIEW mindbody_sales_all AS
SELECT r.connection_id,
       r.external_id::bigint                        AS id,
       (r.payload ->> 'SaleDateTime')::timestamp    AS sale_date_time,
       (r.payload ->> 'SaleDateTime')::date         AS sale_date,
       r.payload ->> 'ClientId'                     AS client_id,
       (r.payload ->> 'LocationId')::int            AS location_id,
       (r.payload ->> 'SalesRepId')::bigint         AS sales_rep_id,
       jsonb_array_length(r.payload -> 'PurchasedItems') AS items,
       (SELECT sum((item ->> 'TotalAmount')::numeric)
          FROM jsonb_array_elements(r.payload -> 'PurchasedItems') item)::numeric(12, 2)    AS total_amount,
       (SELECT sum((item ->> 'DiscountAmount')::numeric)
          FROM jsonb_array_elements(r.payload -> 'PurchasedItems') item)::numeric(12, 2)    AS discount_amount,
       (SELECT sum((item ->> 'TaxAmount')::numeric)
          FROM jsonb_array_elements(r.payload -> 'PurchasedItems') item)::numeric(12, 2)    AS tax_amount,
       CASE WHEN jsonb_typeof(r.payload -> 'Payments') = 'array'
            THEN (SELECT sum((payment ->> 'Amount')::numeric)
                    FROM jsonb_array_elements(r.payload -> 'Payments') payment)::numeric(12, 2)
       END                                          AS payments_amount,
       r.payload -> 'PurchasedItems'                AS purchased_items,
       r.payload -> 'Payments'                      AS payments,
       r.deleted_at,
       r.deleted_by_run
FROM records r
JOIN connections c ON c.id = r.connection_id
WHERE c.plugin_id = 'mindbody'
  AND r.stream = 'sales'
  AND inflow_imports_stream(c.streams, r.stream);

CREATE OR REPLACE VIEW mindbody_sales AS
SELECT connection_id, id, sale_date_time, sale_date, client_id, location_id, sales_rep_id, items, total_amount,
       discount_amount, tax_amount, payments_amount, purchased_items, payments
FROM mindbody_sales_all
WHERE deleted_at IS NULL;
