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
    private final String bootstrapServers;

    private LocalKafka(EmbeddedKafkaKraftBroker broker, String bootstrapServers) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
    }

    /** @param port fixed port, or 0 for any free port */
    public static LocalKafka start(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        Map<String, String> properties = new java.util.HashMap<>(Map.of(
                "auto.create.topics.enable", "false",
                // single node: internal topics cannot be replicated
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "log.flush.interval.messages", String.valueOf(Long.MAX_VALUE)));
        if (port > 0) {
            // The test kit binds its own listeners to random ports and cannot be told otherwise; a third
            // listener (LOCAL) gives clients the documented fixed port. Unknown listeners bind normally.
            properties.put("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,LOCAL://127.0.0.1:" + port);
            properties.put("listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,LOCAL:PLAINTEXT");
        }
        broker.brokerProperties(properties);
        broker.afterPropertiesSet();
        return new LocalKafka(broker, port > 0 ? "127.0.0.1:" + port : broker.getBrokersAsString());
    }

    public String bootstrapServers() {
        return bootstrapServers;
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
                // A producer that writes the moment a topic exists can meet NotLeaderOrFollower, and an idempotent
                // one then saw OutOfOrderSequence and lost records in a test: return only once every partition leads.
                var names = partitionsByTopic.keySet();
                Await.until("leaders for every partition of " + names, java.time.Duration.ofSeconds(30), () -> {
                    try {
                        return ReadyPartitions.allLead(admin, names);
                    } catch (Exception notYet) {
                        return false;
                    }
                });
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
