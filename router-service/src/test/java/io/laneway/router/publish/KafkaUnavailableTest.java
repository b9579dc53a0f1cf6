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
import java.util.Set;

import io.laneway.contracts.Topics;
import io.laneway.infra.Await;
import io.laneway.infra.FreePorts;
import io.laneway.infra.KafkaBrokerProcess;
import io.laneway.infra.LocalInfrastructure;
import io.laneway.router.support.RouterIntegrationTest;
import io.laneway.router.support.Tokens;
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
                "spring.kafka.producer.properties.request.timeout.ms=2000", "spring.kafka.producer.properties.delivery.timeout.ms=2500",
                "laneway.security.jwt-hmac-secret=" + Tokens.SECRET_BASE64})
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
        Set<String> ids = new HashSet<>();
        RouterIntegrationTest.decodeAll(broker.bootstrapServers(), Topics.LANE_FAST).forEach(r -> ids.add(r.get("id").toString()));
        return ids;
    }

    private HttpResponse<String> post() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                .header("Content-Type", "application/json").header("Authorization", Tokens.bearer("test-client"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"demo.greet\",\"payload\":{\"name\":\"n\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
