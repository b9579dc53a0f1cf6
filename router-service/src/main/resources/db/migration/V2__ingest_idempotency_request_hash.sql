-- The request an idempotency key was first used for (SHA-256 of type, priority, ordering key, correlation id and
-- payload): the same key with another body is the client's mistake (422), not a retry to answer with the first id.
-- Null for claims made before this column existed: those are answered as before.
alter table ingest_idempotency add column request_hash varchar(64);
