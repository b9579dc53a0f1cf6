package io.laneway.projection.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.lifecycle.LifecycleEvent;
import io.laneway.contracts.lifecycle.MessageStatus;
import io.laneway.contracts.order.OrderCompleted;
import io.laneway.contracts.order.OrderEvent;
import io.laneway.contracts.order.OrderLine;
import io.laneway.contracts.order.OrderPlaced;
import io.laneway.contracts.order.PaymentCharged;
import io.laneway.contracts.order.StockReserved;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.infra.LocalInfrastructure;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes a known set of lifecycle and order events (what the router, pool and saga would) and remembers the keys. */
public final class ProjectionEvents {

    private static final java.util.concurrent.atomic.AtomicReference<Exception> FAILED_SENDS = new java.util.concurrent.atomic.AtomicReference<>();
    private static final org.apache.kafka.clients.producer.Callback NOTE_FAILURE = (metadata, error) -> {
        if (error != null) {
            FAILED_SENDS.compareAndSet(null, error);
        }
    };

    /** Published by the test key's client ({@link ProjectionInstance#CLIENT}). */
    public final List<String> messageIds = new ArrayList<>();
    /** Published by another client: the test key must not see them. */
    public final List<String> othersMessageIds = new ArrayList<>();
    /** Events without a client, as written before the field existed: any caller reads them. */
    public final List<String> unownedMessageIds = new ArrayList<>();
    public final List<String> orderIds = new ArrayList<>();
    /** Orders another client placed: the test client may not read them. */
    public final List<String> othersOrderIds = new ArrayList<>();
    public final List<String> products = new ArrayList<>();

    /**
     * Publishes a fresh set (new ids) and returns it. A set whose sends failed is published again once, under new ids:
     * the test broker has refused first writes to just-created partitions (NotLeaderOrFollower, then an idempotent
     * producer's OutOfOrderSequence). The failed set's records stay in the log like an earlier run's.
     */
    public static ProjectionEvents publish(int messages, int orders) {
        try {
            return publishOnce(messages, orders);
        } catch (IllegalStateException firstFailed) {
            return publishOnce(messages, orders);
        }
    }

    private static ProjectionEvents publishOnce(int messages, int orders) {
        FAILED_SENDS.set(null);
        LocalInfrastructure infra = LocalInfrastructure.shared();
        infra.kafka().createTopics(Topics.all());
        ProjectionEvents published = new ProjectionEvents();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            published.products.add("sku-" + run + "-" + i);
        }
        AvroRegistrySerializer<SpecificRecord> serializer = new AvroRegistrySerializer<>();
        serializer.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, infra.schemaRegistryUrl()), false);
        try (var producer = new KafkaProducer<String, SpecificRecord>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000), new StringSerializer(), serializer)) {
            Instant now = Instant.now();
            Lane[] lanes = Lane.values();
            for (int i = 0; i < messages; i++) {
                String id = "msg-" + run + "-" + i;
                published.messageIds.add(id);
                Lane lane = lanes[i % lanes.length];
                String type = "type-" + (i % 4);
                producer.send(new ProducerRecord<>(Topics.LIFECYCLE, id, lifecycle(id, type, lane, MessageStatus.ROUTED, now, null, ProjectionInstance.CLIENT)), NOTE_FAILURE);
                if (i % 10 != 0) { // every tenth message is still on its way
                    MessageStatus end = i % 7 == 0 ? MessageStatus.DEAD_LETTERED : MessageStatus.COMPLETED;
                    LifecycleEvent outcome = lifecycle(id, type, lane, end, now.plusMillis(20), end == MessageStatus.COMPLETED ? 5L + i % 200 : null, ProjectionInstance.CLIENT);
                    if (end == MessageStatus.DEAD_LETTERED) {
                        outcome.setPayload("{\"seq\":" + i + "}"); // as the pool sends it: the failed payload, as JSON
                    }
                    producer.send(new ProducerRecord<>(Topics.LIFECYCLE, id, outcome), NOTE_FAILURE);
                }
            }
            for (int i = 0; i < 10; i++) {
                String others = "msg-" + run + "-other-" + i;
                published.othersMessageIds.add(others);
                producer.send(new ProducerRecord<>(Topics.LIFECYCLE, others, lifecycle(others, "type-0", Lane.FAST, MessageStatus.ROUTED, now, null, "someone-else")), NOTE_FAILURE);
                String unowned = "msg-" + run + "-unowned-" + i;
                published.unownedMessageIds.add(unowned);
                producer.send(new ProducerRecord<>(Topics.LIFECYCLE, unowned, lifecycle(unowned, "type-0", Lane.FAST, MessageStatus.ROUTED, now, null, null)), NOTE_FAILURE);
            }
            for (int i = 0; i < orders; i++) {
                String id = "order-" + run + "-" + i;
                published.orderIds.add(id);
                String sku = published.products.get(i % published.products.size());
                long total = (1 + i % 3) * 250L;
                send(producer, id, new OrderPlaced("c-" + i, List.of(new OrderLine(sku, 1 + i % 3, 250L)), total, ProjectionInstance.CLIENT), now);
                send(producer, id, new StockReserved("res-" + id), now.plusMillis(5));
                if (i % 4 != 0) {
                    send(producer, id, new PaymentCharged("pay-" + id, total), now.plusMillis(10));
                    send(producer, id, new OrderCompleted(), now.plusMillis(15));
                }
            }
            for (int i = 0; i < 5; i++) {
                String id = "order-" + run + "-other-" + i;
                published.othersOrderIds.add(id);
                send(producer, id, new OrderPlaced("customer-of-someone-else", List.of(new OrderLine("sku-other", 1, 100L)), 100L, "someone-else"), now);
            }
            producer.flush();
        }
        if (FAILED_SENDS.get() != null) {
            throw new IllegalStateException("Publishing the test events failed; the views could not hold them all", FAILED_SENDS.get());
        }
        return published;
    }

    private static LifecycleEvent lifecycle(String id, String type, Lane lane, MessageStatus status, Instant at, Long duration, String client) {
        return LifecycleEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setMessageId(id).setType(type).setLane(lane)
                .setStatus(status).setOccurredAt(at).setDurationMillis(duration).setClient(client).build();
    }

    private static void send(KafkaProducer<String, SpecificRecord> producer, String orderId, Object event, Instant at) {
        producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS, null, at.toEpochMilli(), orderId,
                OrderEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setOrderId(orderId).setOccurredAt(at).setEvent(event).build()),
                NOTE_FAILURE);
    }
}
