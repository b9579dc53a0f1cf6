package io.laneway.infra;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node KRaft Kafka broker (kafka_2.13's KafkaClusterTestKit, driven by spring-kafka-test)
 * running inside this JVM: it cannot outlive the JVM, so it needs no orphan guard.
 */
public final class LocalKafka implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private LocalKafka(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /** @param port fixed port, or 0 for any free port */
    public static LocalKafka start(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        if (port > 0) {
            broker.kafkaPorts(port);
        }
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                // single node: internal topics cannot be replicated
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "log.flush.interval.messages", String.valueOf(Long.MAX_VALUE)));
        broker.afterPropertiesSet();
        return new LocalKafka(broker);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /** Creates topics that do not exist yet; name -> partition count. */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        broker.doWithAdmin(admin -> {
            try {
                var existing = admin.listTopics().names().get();
                var missing = partitionsByTopic.entrySet().stream()
                        .filter(e -> !existing.contains(e.getKey()))
                        .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                        .toList();
                admin.createTopics(missing).all().get();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot create topics " + partitionsByTopic.keySet(), e);
            }
        });
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
