package io.laneway.pool.processing;

import static io.laneway.pool.support.GreetingPayloads.GREET;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Map;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.registry.SchemaRegistryClient;
import io.laneway.contracts.serde.PayloadCodec;
import io.laneway.pool.support.GreetingPayloads;
import io.laneway.pool.support.PoolIntegrationTest;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A payload the router sent as Avro (a type with a payload schema) reaches its handler as the handler's own record;
 * a framed payload whose bytes do not fit the handler's type is a permanent failure, dead-lettered once. People read a
 * failed payload as JSON: in the dead-letter API and in the lifecycle events the status view folds.
 */
class AvroPayloadTest extends PoolIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

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

    @Test
    void aFailedAvroPayloadReadsAsJsonInTheDeadLetterApiAndTheLifecycle() {
        SchemaRegistryClient registry = SchemaRegistryClient.forUrl(infra.schemaRegistryUrl());
        int schemaId = registry.register("laneway.payload.test.poison", GREET);
        Envelope poison = envelope("test.poison", null, "{}"); // its handler fails while TestHandlers.POISON_BROKEN is set
        poison.setPayload(ByteBuffer.wrap(PayloadCodec.encode(schemaId, GREET, record("Ada"))));
        Envelope unreadable = envelope("test.poison", null, "{}");
        unreadable.setPayload(ByteBuffer.wrap(java.util.Arrays.copyOf(PayloadCodec.encode(schemaId, GREET, record("Ada")), 6)));

        send(poison);
        send(unreadable);

        await("both dead-lettered and indexed", () -> letterId(poison.getId()) != null && letterId(unreadable.getId()) != null);
        JsonNode detail = letter(letterId(poison.getId()));
        assertThat(detail.at("/payload/format").asString()).isEqualTo("avro");
        assertThat(detail.at("/payload/schemaId").asInt()).isEqualTo(schemaId);
        assertThat(detail.at("/payload/json").toString()).as("the payload as JSON, not Avro bytes").isEqualTo("{\"name\":\"Ada\"}");
        assertThat(readAll(Topics.LIFECYCLE).stream()
                .filter(e -> e.get("messageId").toString().equals(poison.getId()))
                .map(e -> e.get("status") + " " + e.get("payload")).toList())
                .as("FAILED and DEAD_LETTERED carry the payload as JSON for the status view")
                .containsExactly("FAILED {\"name\":\"Ada\"}", "FAILED {\"name\":\"Ada\"}", "DEAD_LETTERED {\"name\":\"Ada\"}");

        JsonNode broken = letter(letterId(unreadable.getId()));
        assertThat(broken.at("/payload/format").asString()).isEqualTo("avro");
        assertThat(broken.at("/payload/json").isNull()).as("no JSON for bytes that do not decode").isTrue();
        assertThat(broken.at("/payload/unreadable").asString()).startsWith("the payload could not be decoded");
    }

    private Long letterId(String messageId) {
        return jdbc.sql("select id from dead_letter where message_id = ?").param(messageId).query(Long.class).optional().orElse(null);
    }

    private JsonNode letter(long id) {
        return JsonMapper.shared().readTree(RestClient.create("http://127.0.0.1:" + port).get().uri("/v1/dead-letters/{id}", id)
                .header("X-API-Key", ADMIN_KEY).retrieve().body(String.class));
    }

    private static GenericData.Record record(String name) {
        return GreetingPayloads.greeting(name);
    }
}
