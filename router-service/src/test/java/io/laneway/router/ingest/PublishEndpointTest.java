package io.laneway.router.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.laneway.contracts.LaneHeaders;
import io.laneway.contracts.Topics;
import io.laneway.contracts.registry.SchemaRegistryClient;
import io.laneway.contracts.serde.ConfluentWireFormat;
import io.laneway.contracts.serde.PayloadCodec;
import io.laneway.router.support.RouterIntegrationTest;
import io.laneway.router.support.Tokens;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The router against the real broker and registry: what is accepted lands on its lane; what is refused lands nowhere. */
class PublishEndpointTest extends RouterIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void acceptedMessageLandsOnItsLaneAsAvroAnyRegistryClientCanRead() throws Exception {
        var response = post("""
                {"type":"report.render","priority":"high","orderingKey":"report-7","payload":{"reportId":"r7","pages":3},
                 "idempotencyKey":"k-7"}""");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"lane\":\"HEAVY\"").contains("\"statusUrl\"");
        String id = idOf(response);
        ConsumerRecord<String, GenericRecord> landed = recordUntilFound(Topics.LANE_HEAVY, "id", id);
        GenericRecord envelope = landed.value();
        assertThat(envelope.get("type").toString()).isEqualTo("report.render");
        assertThat(LaneHeaders.type(landed.headers())).as("the type header the pool sizes batches by").isEqualTo("report.render");
        assertThat(envelope.get("priority").toString()).isEqualTo("HIGH");
        assertThat(((GenericRecord) envelope.get("routing")).get("lane").toString()).isEqualTo("HEAVY");
        assertThat(((GenericRecord) envelope.get("metadata")).get("idempotencyKey").toString()).isEqualTo("k-7");
        assertThat(((GenericRecord) envelope.get("metadata")).get("source").toString()).isEqualTo("test-client");
        // the payload travels as Avro of its type's schema, framed with that schema's registry id: the registry URL reads it
        byte[] payload = PayloadCodec.bytes((java.nio.ByteBuffer) envelope.get("payload"));
        var registry = SchemaRegistryClient.forUrl(infra.schemaRegistryUrl());
        assertThat(PayloadCodec.isAvro(payload)).isTrue();
        assertThat(ConfluentWireFormat.schemaId(payload)).isEqualTo(registry.latest("laneway.payload.report.render").id());
        assertThat(PayloadCodec.toPlain(PayloadCodec.decode(payload, registry))).isEqualTo(java.util.Map.of("reportId", "r7", "pages", 3));
        // the ROUTED event names the publisher: the projection shows the message's status to that client only
        GenericRecord routed = readUntilFound(Topics.LIFECYCLE, "messageId", id);
        assertThat(routed.get("status").toString()).isEqualTo("ROUTED");
        assertThat(routed.get("client").toString()).isEqualTo("test-client");
        // metrics name the lane as the pool does (its topic's suffix), so one PromQL label joins both services
        assertThat(meters.find("laneway.router.messages.accepted").tag("lane", "heavy").tag("type", "report.render").counter())
                .as("accepted counter tagged lane=heavy").isNotNull();
        assertThat(meters.find("laneway.router.publish.latency").tag("lane", "heavy").timer()).isNotNull();
    }

    @Test
    void criticalWorkTakesTheFastLaneWhateverItCosts() throws Exception {
        var response = post("""
                {"type":"report.render","priority":"critical","payload":{"reportId":"r8","pages":1}}""");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"lane\":\"FAST\"");
    }

    @Test
    void badInputGetsProblemJsonAndNothingReachesKafka() throws Exception {
        Map<TopicPartition, Long> before = endOffsets();

        var malformed = post("{\"type\":\"demo.greet\",");
        var unknownPriority = post("{\"type\":\"demo.greet\",\"priority\":\"urgent\",\"payload\":{}}");
        var missingType = post("{\"payload\":{}}");
        var unknownType = post("{\"type\":\"no.such.type\",\"payload\":{}}");
        var nullPayload = post("{\"type\":\"demo.greet\",\"payload\":null}");
        var stringPayload = post("{\"type\":\"demo.greet\",\"payload\":\"Ada\"}");
        var duplicateField = post("{\"type\":\"no.such.type\",\"type\":\"demo.greet\",\"payload\":{\"name\":\"Ada\"}}");
        var emptyBody = post("");
        String big = "{\"type\":\"demo.greet\",\"payload\":{\"x\":\"" + "a".repeat(300_000) + "\"}}";
        var oversized = post(big);
        var oversizedChunked = http.send(HttpRequest.newBuilder(uri("/v1/messages"))
                .header("Content-Type", "application/json").header("Authorization", Tokens.bearer("test-client"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(malformed, 400, "not a valid JSON");
        assertProblem(unknownPriority, 400, "critical, high, normal, low");
        assertProblem(missingType, 400, "type must not be blank");
        assertProblem(unknownType, 422, "demo.greet");
        assertProblem(nullPayload, 400, "payload must be a JSON object");
        assertProblem(stringPayload, 400, "not string");
        assertProblem(duplicateField, 400, "Duplicate");
        assertProblem(emptyBody, 400, "no body");
        assertThat(emptyBody.body()).doesNotContain("io.laneway").doesNotContain("PublishController");
        assertProblem(oversized, 413, "limit is 262144 bytes");
        assertProblem(oversizedChunked, 413, "262144 bytes");
        assertThat(endOffsets()).isEqualTo(before);
        assertThat(meters.find("laneway.router.messages.rejected").tag("status", "422").tag("type", "(unknown)")
                .tag("client", "test-client").counter()).as("rejections counted by client; unknown types not as tag values").isNotNull();
        assertThat(meters.find("laneway.router.messages.rejected").tag("type", "no.such.type").counter()).isNull();
    }

    @Test
    void aPayloadIsCheckedAgainstItsTypesSchemaInTheRegistry() throws Exception {
        Map<TopicPartition, Long> before = endOffsets();

        var wrongType = post("{\"type\":\"demo.greet\",\"payload\":{\"name\":42}}");
        var typo = post("{\"type\":\"demo.greet\",\"payload\":{\"nmae\":\"Ada\"}}");

        assertProblem(wrongType, 422, "$.name: expected a string, got 42");
        assertProblem(typo, 422, "$.name: required string is missing");
        assertThat(typo.body()).contains("$.nmae: not a field of Greet").contains("laneway.payload.demo.greet");
        assertThat(endOffsets()).isEqualTo(before);
        assertThat(post("{\"type\":\"demo.greet\",\"payload\":{\"name\":\"Ada\"}}").statusCode()).isEqualTo(202);
        // every example type a client publishes has its shipped schema
        Map<TopicPartition, Long> afterTheValidOne = endOffsets();
        assertProblem(post("{\"type\":\"report.render\",\"payload\":{\"reportId\":\"r1\",\"pages\":\"fifty\"}}"), 422,
                "$.pages: expected an int");
        assertProblem(post("{\"type\":\"video.transcode\",\"payload\":{\"videoId\":\"v1\",\"segments\":0,\"segmentMillis\":100}}"),
                422, "$.segments: must be at least 1, got 0");
        assertThat(endOffsets()).isEqualTo(afterTheValidOne);
    }

    @Test
    void aMalformedOrderIsRefusedAtTheDoorInsteadOfDeadLetteredLater() throws Exception {
        Map<TopicPartition, Long> before = endOffsets();

        var malformed = post("{\"type\":\"order.place\",\"payload\":{\"orderId\":\"o-1\",\"customerId\":\"c-1\","
                + "\"lines\":[{\"sku\":\"sku-1\",\"quantity\":\"two\",\"unitPriceCents\":990}]}}");
        var noCustomer = post("{\"type\":\"order.place\",\"payload\":{\"orderId\":\"o-2\",\"lines\":[]}}");
        var negative = post("{\"type\":\"order.place\",\"payload\":{\"orderId\":\"o-4\",\"customerId\":\"c-1\","
                + "\"lines\":[{\"sku\":\"sku-1\",\"quantity\":-3,\"unitPriceCents\":990}]}}");

        assertProblem(malformed, 422, "$.lines[0].quantity: expected an int, got \\\"two\\\"");
        assertProblem(noCustomer, 422, "$.customerId: required string is missing");
        assertThat(noCustomer.body()).contains("$.lines: needs at least 1 item, got 0");
        assertProblem(negative, 422, "$.lines[0].quantity: must be at least 1, got -3");
        assertThat(endOffsets()).isEqualTo(before);
        assertThat(post("{\"type\":\"order.place\",\"payload\":{\"orderId\":\"o-3\",\"customerId\":\"c-1\","
                + "\"lines\":[{\"sku\":\"sku-1\",\"quantity\":2,\"unitPriceCents\":990}]}}").statusCode()).isEqualTo(202);
    }

    @Test
    void aTypeOrderedByAPayloadFieldRefusesAPayloadWithoutIt() throws Exception {
        Map<TopicPartition, Long> before = endOffsets();

        var missing = post("{\"type\":\"test.ordered\",\"payload\":{\"name\":\"x\"}}");
        var present = post("{\"type\":\"test.ordered\",\"payload\":{\"customerId\":\"c-7\"}}");

        assertProblem(missing, 422, "customerId");
        assertThat(present.statusCode()).isEqualTo(202);
        assertThat(meters.find("laneway.router.messages.rejected").tag("status", "422").tag("type", "test.ordered").counter())
                .isNotNull();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detailFragment) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status).contains(detailFragment).doesNotContain("Exception");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Map<TopicPartition, Long> endOffsets() {
        return laneEndOffsets();
    }

    private GenericRecord readUntilFound(String topic, String idField, String id) {
        return recordUntilFound(topic, idField, id).value();
    }

    private ConsumerRecord<String, GenericRecord> recordUntilFound(String topic, String idField, String id) {
        try (var consumer = consumer()) {
            var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, GenericRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value().get(idField).toString().equals(id)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("a record with " + idField + " " + id + " never appeared on " + topic);
    }
}
