package io.laneway.pool.retry;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Map;
import java.util.UUID;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.infra.TopicContents;
import io.laneway.pool.support.PoolIntegrationTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A retry record nobody can route back is kept as a dead letter, and the retries behind it keep flowing. */
class RetryForwarderTest extends PoolIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRetryRecordWithoutItsWayBackIsDeadLetteredAndTheNextRetryIsForwarded() throws Exception {
        String key = "forwarder-" + UUID.randomUUID();
        Envelope retried = envelope("test.step", key, "{\"key\":\"" + key + "\",\"seq\":1,\"sleepMillis\":0}");
        var serializer = new AvroRegistrySerializer<Envelope>();
        serializer.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, infra.schemaRegistryUrl()), false);
        byte[] value = serializer.serialize(Topics.LANE_FAST, retried);
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class))) {
            var lost = new ProducerRecord<>(Topics.RETRY_5S, key, value); // no return-to header: nowhere to go back to
            lost.headers().add(RetryHeaders.DUE_AT, "0".getBytes(UTF_8));
            producer.send(lost).get();
            var good = new ProducerRecord<>(Topics.RETRY_5S, key, value);
            good.headers().add(RetryHeaders.DUE_AT, "0".getBytes(UTF_8));
            good.headers().add(RetryHeaders.RETURN_TO, Topics.LANE_FAST.getBytes(UTF_8));
            producer.send(good).get();
        }

        await("the routable retry forwarded and processed", () -> jdbc.sql("select count(*) from test_step where message_id = ?")
                .param(retried.getId()).query(Long.class).single() == 1);
        await("the unroutable copy kept as a dead letter", () -> TopicContents.values(infra.kafkaBootstrapServers(), Topics.DEAD_LETTER)
                .stream().filter(v -> java.util.Arrays.equals(v, value)).count() == 1);
    }
}
