package io.laneway.pool.deadletter;

import io.laneway.contracts.BackgroundFetch;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.sql.Timestamp;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Copies every dead letter (both topics) into {@code dead_letter} so operators can filter, inspect and act
 * on them. Idempotent on (topic, partition, offset): a redelivered dead letter is indexed once. A plain
 * Spring Kafka listener is the right tool here: the volume is low and order does not matter.
 */
@Component
public class DeadLetterIndexer {

    private final JdbcClient jdbc;

    public DeadLetterIndexer(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @KafkaListener(id = "dead-letter-indexer", groupId = "${laneway.pool.group-prefix:laneway-pool}-dlq-indexer",
            topics = "#{@poolTopics.deadLetterTopics()}", // this service's dead-letter topics (its namespace)
            properties = {"value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer",
                    "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
                    BackgroundFetch.MIN_BYTES, BackgroundFetch.MAX_WAIT})
    void index(ConsumerRecord<String, byte[]> record) {
        jdbc.sql("""
                insert into dead_letter (dlq_topic, dlq_partition, dlq_offset, message_id, type, lane, original_topic,
                    original_partition, original_offset, attempts, error_class, error_message, error_stack, fingerprint,
                    trace_id, first_failed_at, dead_lettered_at, envelope)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (dlq_topic, dlq_partition, dlq_offset) do nothing""")
                .params(record.topic(), record.partition(), record.offset(),
                        text(record, DeadLetterHeaders.MESSAGE_ID, record.key() == null ? "?" : record.key()),
                        text(record, DeadLetterHeaders.TYPE, "?"),
                        text(record, DeadLetterHeaders.LANE, "?"),
                        text(record, DeadLetterHeaders.ORIGINAL_TOPIC, "?"),
                        Integer.parseInt(text(record, DeadLetterHeaders.ORIGINAL_PARTITION, "-1")),
                        Long.parseLong(text(record, DeadLetterHeaders.ORIGINAL_OFFSET, "-1")),
                        Integer.parseInt(text(record, DeadLetterHeaders.ATTEMPTS, "0")),
                        text(record, DeadLetterHeaders.ERROR_CLASS, "?"),
                        text(record, DeadLetterHeaders.ERROR_MESSAGE, null),
                        text(record, DeadLetterHeaders.ERROR_STACK, null),
                        text(record, DeadLetterHeaders.FINGERPRINT, "?"),
                        text(record, DeadLetterHeaders.TRACE_ID, null),
                        time(record, DeadLetterHeaders.FIRST_FAILED_AT),
                        time(record, DeadLetterHeaders.DEAD_LETTERED_AT) != null ? time(record, DeadLetterHeaders.DEAD_LETTERED_AT)
                                : Timestamp.from(Instant.ofEpochMilli(record.timestamp())),
                        record.value() == null ? new byte[0] : record.value())
                .update();
    }

    private static String text(ConsumerRecord<?, ?> record, String name, String otherwise) {
        Header header = record.headers().lastHeader(name);
        return header == null ? otherwise : new String(header.value(), UTF_8);
    }

    private static Timestamp time(ConsumerRecord<?, ?> record, String name) {
        String millis = text(record, name, null);
        try {
            return millis == null ? null : Timestamp.from(Instant.ofEpochMilli(Long.parseLong(millis)));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
