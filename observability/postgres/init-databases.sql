-- docker-compose's PostgreSQL creates laneway_pool itself (POSTGRES_DB); these are the other two databases on it:
-- the router's own (ingest idempotency claims, its own Flyway history) and the schema registry's storage, so
-- schema ids survive a registry restart (records carry them).
create database laneway_router;
create database apicurio;
