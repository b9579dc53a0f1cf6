package io.laneway.pool.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Map;

import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.registry.SchemaRegistryClient;
import io.laneway.contracts.serde.PayloadCodec;
import io.laneway.pool.support.PoolIntegrationTest;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A payload the router sent as Avro (a type with a payload schema) reaches its handler as the handler's own record;
 * a framed payload whose bytes do not fit the handler's type is a permanent failure, dead-lettered once.
 */
class AvroPayloadTest extends PoolIntegrationTest {

    private static final Schema GREET = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Greet\",\"namespace\":\"io.laneway.payload.demo\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}");

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAvroPayloadIsDecodedWithItsWritersSchemaIntoTheHandlersRecord() {
        SchemaRegistryClient registry = SchemaRegistryClient.forUrl(infra.schemaRegistryUrl());
        int id = registry.register("laneway.payload.demo.greet", GREET);
        GenericData.Record greet = new GenericData.Record(GREET);
        greet.put("name", "Ada");
        Envelope envelope = envelope("demo.greet", null, "{}");
        envelope.setPayload(ByteBuffer.wrap(PayloadCodec.encode(id, GREET, greet)));

        send(envelope);

        await("the greeting", () -> jdbc.sql("select count(*) from demo_greeting where message_id = ?").param(envelope.getId())
                .query(Long.class).single() == 1);
        assertThat(jdbc.sql("select greeting from demo_greeting where message_id = ?").param(envelope.getId())
                .query(String.class).single()).isEqualTo("Hello, Ada!");
        assertThat(PayloadCodec.toPlain(PayloadCodec.decode(PayloadCodec.bytes(envelope.getPayload()), registry)))
                .isEqualTo(Map.of("name", "Ada"));
    }

    @Test
    void framedBytesThatAreNotThePayloadAreDeadLetteredNotRetried() {
        SchemaRegistryClient registry = SchemaRegistryClient.forUrl(infra.schemaRegistryUrl());
        int id = registry.register("laneway.payload.demo.greet", GREET);
        Envelope envelope = envelope("demo.greet", null, "{}");
        byte[] broken = PayloadCodec.encode(id, GREET, record("Ada"));
        envelope.setPayload(ByteBuffer.wrap(java.util.Arrays.copyOf(broken, 6))); // the header and one byte of the body

        send(envelope);

        await("dead-lettered", () -> lifecycleStatuses(envelope.getId()).contains("DEAD_LETTERED"));
        assertThat(lifecycleStatuses(envelope.getId())).doesNotContain("COMPLETED");
    }

    private static GenericData.Record record(String name) {
        GenericData.Record record = new GenericData.Record(GREET);
        record.put("name", name);
        return record;
    }
}
