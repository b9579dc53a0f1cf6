-- Effect tables of the test handlers (no unique constraints: duplicates must be countable).
create table test_step (
    id            bigserial primary key,
    message_id    varchar(64) not null,
    step_key      varchar(64) not null,
    seq           int         not null,
    started_nanos bigint      not null,
    ended_nanos   bigint      not null,
    created_at    timestamptz not null default clock_timestamp()
);
create table test_effect (
    id         bigserial primary key,
    message_id varchar(64) not null
);
