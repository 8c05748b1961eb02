--liquibase formatted sql

--changeset inflow:0018-seal-connection-state
-- Connection state values are secrets (a Mindbody staff token lives 24 hours): they are stored sealed, as the secret
-- fields of connections' configurations are (AES-256-GCM with the secrets key, bound to the connection and the key).
-- Rows written before are plain text (sealed false) until the server's start-up step seals them.
ALTER TABLE connection_state ADD COLUMN sealed boolean NOT NULL DEFAULT false;
--rollback ALTER TABLE connection_state DROP COLUMN sealed;
