-- Retention of idempotency rows: the cleanup deletes by age.
create index processed_message_processed_at on processed_message (processed_at);

-- Checkpoints of long-running work, committed apart from the envelope's transaction so they survive a crash.
create table job_checkpoint (
    message_id   varchar(64) primary key,
    state        text        not null,
    percent_done int         not null,
    updated_at   timestamptz not null
);

-- Effect table of the example greeting handler: no unique constraint on purpose, so a test can COUNT
-- duplicated effects instead of having the database hide them.
alter table demo_greeting drop constraint demo_greeting_pkey;
alter table demo_greeting add column id bigserial primary key;
create index demo_greeting_message_id on demo_greeting (message_id);

-- Dead letters as the operator sees them: indexed from the dead-letter topics (the topics stay the record).
create table dead_letter (
    id              bigserial primary key,
    dlq_topic       varchar(249) not null,
    dlq_partition   int          not null,
    dlq_offset      bigint       not null,
    message_id      varchar(64)  not null,
    type            varchar(200) not null,
    lane            varchar(20)  not null,
    original_topic  varchar(249) not null,
    original_partition int       not null,
    original_offset bigint       not null,
    attempts        int          not null,
    error_class     varchar(500) not null,
    error_message   text,
    error_stack     text,
    fingerprint     varchar(64)  not null,
    trace_id        varchar(64),
    first_failed_at timestamptz,
    dead_lettered_at timestamptz not null,
    envelope        bytea        not null,
    status          varchar(20)  not null default 'OPEN',
    unique (dlq_topic, dlq_partition, dlq_offset)
);
create index dead_letter_status_type on dead_letter (status, type);
create index dead_letter_fingerprint on dead_letter (fingerprint);

-- Who did what to which dead letter, and when.
create table dead_letter_audit (
    id             bigserial primary key,
    dead_letter_id bigint       not null references dead_letter (id),
    action         varchar(20)  not null,
    actor          varchar(200) not null,
    reason         text,
    acted_at       timestamptz  not null default now()
);
