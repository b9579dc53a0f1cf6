package io.laneway.pool.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.laneway.contracts.LaneHeaders;
import io.laneway.contracts.Topics;
import io.laneway.pool.support.PoolIntegrationTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bytes no registry can describe are dead-lettered, and the message the headers name is marked DEAD_LETTERED for its client. */
class UndecodableRecordTest extends PoolIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRecordThatCannotBeDecodedIsDeadLetteredUnderTheIdItsHeadersName() throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] unknownSchema = {0, 0, 0, 0x7f, (byte) 0xff, 1, 2, 3}; // wire format, but a schema id the registry never issued
        var record = new ProducerRecord<String, byte[]>(Topics.LANE_FAST, "undecodable-" + id, unknownSchema);
        LaneHeaders.putType(record.headers(), "demo.greet");
        LaneHeaders.putMessageId(record.headers(), id);
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class))) {
            producer.send(record).get();
        }

        await("its DEAD_LETTERED lifecycle event", () -> lifecycleStatuses(id).contains("DEAD_LETTERED"));
        await("the dead letter indexed under its id", () -> jdbc.sql("select count(*) from dead_letter where message_id = ?").param(id)
                .query(Long.class).single() == 1);
        assertThat(jdbc.sql("select type from dead_letter where message_id = ?").param(id).query(String.class).single()).isEqualTo("(undecodable)");
    }
}
