package io.laneway.pool.lane;

import java.util.Map;

import io.laneway.contracts.Topics;
import io.laneway.pool.config.PoolTopics;
import org.springframework.kafka.core.KafkaAdmin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.apache.kafka.clients.admin.NewTopic;

/** Kafka templates of the pool: Avro records (lifecycle events), raw bytes (retries, dead letters, outbox). */
@Configuration
class KafkaWiring {

    /** Declared here because defining any KafkaTemplate turns Boot's default one off. */
    @Bean
    @Primary
    KafkaTemplate<String, Object> avroTemplate(ProducerFactory<String, Object> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    @Bean
    KafkaTemplate<String, byte[]> rawBytesKafkaTemplate(ProducerFactory<String, Object> producerFactory) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        ProducerFactory<String, byte[]> bytes = (ProducerFactory) producerFactory;
        return new KafkaTemplate<>(bytes, Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** A team namespace's own lanes, retry tiers and dead letters (none for the platform's pool), created at start. */
    @Bean
    KafkaAdmin.NewTopics namespaceTopics(PoolTopics topics) {
        return new KafkaAdmin.NewTopics(topics.ownTopics().entrySet().stream()
                .map(topic -> TopicBuilder.name(topic.getKey()).partitions(topic.getValue()).build())
                .toArray(NewTopic[]::new));
    }

    /** The types services register (TypeRegistrar writes, the routers read): one partition, compacted. */
    @Bean
    NewTopic typesTopic() {
        return TopicBuilder.name(Topics.TYPES).partitions(1).compact().build();
    }

    /** The outbox relay's position: one partition, compacted (only the last batch matters). */
    @Bean
    NewTopic outboxPositionTopic() {
        return TopicBuilder.name(Topics.OUTBOX_POSITION).partitions(1).compact().build();
    }
}
