--liquibase formatted sql

--changeset inflow:0008-create-scheduler-state
-- Whether scheduled imports may start, for the whole cluster: one row, read by every node at every fire.
CREATE TABLE scheduler_state (
    id          int         PRIMARY KEY CHECK (id = 1),
    running     boolean     NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    changed_by  text
);
INSERT INTO scheduler_state (id, running, changed_by) VALUES (1, true, 'installation');
--rollback DROP TABLE scheduler_state;
