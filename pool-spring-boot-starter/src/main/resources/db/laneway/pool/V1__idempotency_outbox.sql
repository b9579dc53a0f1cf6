-- One row per envelope whose effects were committed: the claim that makes a redelivery a no-op.
create table processed_message (
    message_id   varchar(64) primary key,
    type         varchar(200) not null,
    processed_at timestamptz  not null default now()
);

-- Events written in the same transaction as the effects; the relay publishes them in id order.
create table outbox_event (
    id         bigserial primary key,
    topic      varchar(249) not null,
    record_key varchar(512),
    payload    bytea        not null,
    trace_id   varchar(64),
    created_at timestamptz  not null default now()
);

-- Effect table of the example handler (demo.greet).
create table demo_greeting (
    message_id varchar(64) primary key,
    greeting   text        not null,
    created_at timestamptz not null default now()
);
