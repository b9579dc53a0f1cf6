-- The team's own table, in the team's own Flyway chain (flyway_schema_history); the pool's tables have theirs.
create table invoice (
    invoice_id   text primary key,
    customer     text        not null,
    amount_cents bigint      not null check (amount_cents > 0),
    currency     char(3)     not null,
    message_id   text        not null,
    issued_at    timestamptz not null default now()
);
