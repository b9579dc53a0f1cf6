package io.laneway.router.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import io.laneway.contracts.Topics;
import io.laneway.contracts.serde.AvroRegistryDeserializer;
import io.laneway.infra.Await;
import io.laneway.infra.FreePorts;
import io.laneway.infra.KafkaBrokerProcess;
import io.laneway.infra.LocalInfrastructure;
import io.laneway.router.support.Tokens;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A router on its own broker process, which the test stops and starts again: while it is down the caller
 * gets a prompt 503 (never a hang, never a 202); once it is back, every message that got a 202 is on its lane.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.kafka.listener.auto-startup=false", "laneway.router.kafka-ack-timeout=3s",
                "laneway.router.security.jwt-hmac-secret=" + Tokens.SECRET_BASE64})
@DirtiesContext
class KafkaUnavailableTest {

    static final LocalInfrastructure infra = LocalInfrastructure.shared();
    static final KafkaBrokerProcess broker = KafkaBrokerProcess.start(FreePorts.next(),
            Path.of(System.getProperty("java.io.tmpdir"), "kafka-outage-" + System.nanoTime()));

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        broker.createTopics(Topics.all());
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
        registry.add("laneway.schema-registry.url", infra::schemaRegistryUrl);
        infra.datasourceProperties("router_test").forEach((k, v) -> registry.add(k, () -> v));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void anOutageGives503WithinTheBoundAndLosesNothingThatGot202() throws Exception {
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var answer = post();
            assertThat(answer.statusCode()).as("while the broker is up").isEqualTo(202);
            accepted.add(answer.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
        }

        broker.stop();
        long started = System.nanoTime();
        var during = post();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).isPresent();
        assertThat(during.body()).contains("broker is unavailable").doesNotContain("Exception");
        assertThat(took).as("bounded by the ack timeout (3 s) plus max.block.ms (3 s)").isLessThan(Duration.ofSeconds(8));

        broker.restart();
        Await.until("the router to publish again", Duration.ofSeconds(60), () -> {
            try {
                var answer = post();
                if (answer.statusCode() == 202) {
                    accepted.add(answer.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
                    return true;
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(idsOnTheFastLane()).containsAll(accepted);
    }

    private Set<String> idsOnTheFastLane() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroRegistryDeserializer.class);
        props.put("schema.registry.url", infra.schemaRegistryUrl());
        Set<String> ids = new HashSet<>();
        try (var consumer = new KafkaConsumer<String, GenericRecord>(props)) {
            var partitions = consumer.partitionsFor(Topics.LANE_FAST).stream()
                    .map(p -> new TopicPartition(Topics.LANE_FAST, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> ids.add(r.value().get("id").toString()));
            }
        }
        return ids;
    }

    private HttpResponse<String> post() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                .header("Content-Type", "application/json").header("Authorization", Tokens.bearer("test-client"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"demo.greet\",\"payload\":{\"name\":\"n\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
