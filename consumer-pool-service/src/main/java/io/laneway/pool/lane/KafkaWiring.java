package io.laneway.pool.lane;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.lifecycle.LifecycleEvent;
import io.laneway.contracts.lifecycle.MessageStatus;
import io.laneway.pool.processing.NonRetryableProcessingException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka at the edges of the pool: the raw-bytes template the outbox relay uses, and the error handler
 * (retry with exponential backoff, then the dead-letter topic plus a DEAD_LETTERED lifecycle event).
 */
@Configuration
class KafkaWiring {

    private static final Logger log = LoggerFactory.getLogger(KafkaWiring.class);

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

    @Bean
    DefaultErrorHandler laneErrorHandler(KafkaTemplate<String, Object> avroTemplate,
                                         KafkaTemplate<String, byte[]> rawBytesKafkaTemplate, MeterRegistry meters) {
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, rawBytesKafkaTemplate); // undecodable records keep their original bytes
        templates.put(Object.class, avroTemplate);
        var deadLetters = new DeadLetterPublishingRecoverer(templates,
                (record, error) -> new TopicPartition(Topics.DEAD_LETTER, -1));
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxAttempts(3);
        backOff.setMaxInterval(2_000);
        var handler = new DefaultErrorHandler((record, error) -> {
            deadLetters.accept(record, error);
            meters.counter("laneway.pool.dead_lettered", "topic", record.topic()).increment();
            if (record.value() instanceof Envelope envelope) {
                avroTemplate.send(Topics.LIFECYCLE, envelope.getId(), deadLettered(envelope, error));
            }
            log.warn("Dead-lettered {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), rootMessage(error));
        }, backOff);
        handler.addNotRetryableExceptions(NonRetryableProcessingException.class, DeserializationException.class);
        return handler;
    }

    private static LifecycleEvent deadLettered(Envelope envelope, Exception error) {
        return LifecycleEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setMessageId(envelope.getId())
                .setStatus(MessageStatus.DEAD_LETTERED)
                .setType(envelope.getType())
                .setLane(envelope.getRouting().getLane())
                .setOccurredAt(Instant.now())
                .setAttempt(envelope.getRouting().getAttempt())
                .setError(rootMessage(error))
                .setTraceId(envelope.getMetadata().getTraceId())
                .build();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
