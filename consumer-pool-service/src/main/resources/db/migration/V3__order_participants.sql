-- State of the order-saga participants (inventory, payment, shipping), run as pool handlers.
create table shop_order (
    order_id     varchar(64) primary key,
    customer_id  varchar(200) not null,
    total_cents  bigint       not null,
    placed_at    timestamptz  not null default now()
);

create table stock (
    sku       varchar(100) primary key,
    available int          not null check (available >= 0)
);

-- One reservation per order: a repeated ReserveStock command answers with the same reservation.
create table stock_reservation (
    reservation_id varchar(64) primary key,
    order_id       varchar(64) not null unique,
    status         varchar(20) not null,   -- RESERVED, RELEASED
    created_at     timestamptz not null default now()
);
create table stock_reservation_line (
    reservation_id varchar(64)  not null references stock_reservation (reservation_id),
    sku            varchar(100) not null,
    quantity       int          not null,
    primary key (reservation_id, sku)
);

-- The payment ledger: at most one CHARGE and one REFUND per order, so a repeated command changes nothing.
create table payment_ledger (
    entry_id     bigserial primary key,
    payment_id   varchar(64)  not null,
    order_id     varchar(64)  not null,
    kind         varchar(10)  not null,   -- CHARGE, REFUND
    amount_cents bigint       not null,
    created_at   timestamptz  not null default now(),
    unique (order_id, kind)
);

create table shipment (
    order_id        varchar(64) primary key,
    tracking_number varchar(64) not null,
    shipped_at      timestamptz not null default now()
);
