-- Effect table of demo.work. Deliberately without a unique constraint: tests and benchmarks count
-- duplicated effects here instead of letting the database reject them.
create table demo_work (
    id         bigserial primary key,
    message_id varchar(64) not null,
    created_at timestamptz not null default clock_timestamp()
);
create index demo_work_message_id on demo_work (message_id);
