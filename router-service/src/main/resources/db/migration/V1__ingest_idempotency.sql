-- Idempotency at ingest, shared by every router replica: one row per (client, idempotency key) accepted
-- within the window. The row is inserted in the same transaction that waits for Kafka's ack, so a
-- concurrent retry on another replica blocks on it and then sees the original answer.
create table ingest_idempotency (
    client_id       varchar(200) not null,
    idempotency_key varchar(200) not null,
    message_id      varchar(64)  not null,
    lane            varchar(32)  not null,
    accepted_at     timestamptz  not null default now(),
    primary key (client_id, idempotency_key)
);
create index ingest_idempotency_accepted_at on ingest_idempotency (accepted_at);
