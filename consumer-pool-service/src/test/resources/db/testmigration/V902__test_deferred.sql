-- Effects the deferred-update test handlers queue; 'refused' breaks the check, so one envelope's write can fail alone.
create table test_deferred (
    message_id varchar(64) not null,
    value      varchar(64) not null check (value <> 'refused'),
    txid       bigint      not null default txid_current()
);
