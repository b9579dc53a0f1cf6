-- Which database transaction each envelope of the transaction-scope test ran in.
create table test_transaction (
    message_id varchar(64) not null,
    txid       bigint      not null
);
