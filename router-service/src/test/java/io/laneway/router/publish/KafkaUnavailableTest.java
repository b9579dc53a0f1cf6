package io.laneway.router.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.laneway.contracts.Topics;
import io.laneway.infra.LocalInfrastructure;
import io.laneway.infra.LocalKafka;
import io.laneway.router.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A router on its own broker, which the test stops: the caller gets a 503 promptly, never a hang or a 202. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.kafka.listener.auto-startup=false", "laneway.router.kafka-ack-timeout=3s",
                "laneway.router.security.jwt-hmac-secret=" + Tokens.SECRET_BASE64})
@DirtiesContext
class KafkaUnavailableTest {

    static final LocalInfrastructure infra = LocalInfrastructure.shared();
    static final LocalKafka ownBroker = LocalKafka.start(0);

    @LocalServerPort
    int port;

    @Autowired
    ProducerFactory<?, ?> producers;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ownBroker.createTopics(Topics.all());
        registry.add("spring.kafka.bootstrap-servers", ownBroker::bootstrapServers);
        registry.add("laneway.schema-registry.url", infra::schemaRegistryUrl);
        infra.datasourceProperties("router_test").forEach((k, v) -> registry.add(k, () -> v));
    }

    @AfterAll
    static void stopBroker() {
        ownBroker.close();
    }

    @Test
    void aStoppedBrokerGives503WithinTheBound() throws Exception {
        assertThat(post().statusCode()).as("while the broker is up").isEqualTo(202);
        // the producer would otherwise linger on close, retrying the dead broker
        ((DefaultKafkaProducerFactory<?, ?>) producers).setPhysicalCloseTimeout(1);

        ownBroker.close();
        long started = System.nanoTime();
        var answer = post();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(answer.body()).contains("broker is unavailable").doesNotContain("Exception");
        assertThat(took).as("bounded by the ack timeout (3 s) plus max.block.ms (3 s)").isLessThan(Duration.ofSeconds(8));
    }

    private HttpResponse<String> post() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                .header("Content-Type", "application/json").header("Authorization", Tokens.bearer("test-client"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"demo.greet\",\"payload\":{\"name\":\"n\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
