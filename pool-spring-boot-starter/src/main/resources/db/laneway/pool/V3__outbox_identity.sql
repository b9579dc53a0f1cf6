-- Which outbox this is. The relay keys its position records (the ids of the last batch it published) by it and
-- derives its default Kafka transactional id from it: two deployments that share a Kafka cluster then neither fence
-- each other's relay nor take the other's position for their own (which deleted unpublished rows whose ids matched).
create table outbox_identity (
    id        uuid primary key default gen_random_uuid(),
    singleton boolean not null default true unique check (singleton)
);
insert into outbox_identity default values;
