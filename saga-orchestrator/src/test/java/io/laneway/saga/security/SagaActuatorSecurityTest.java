package io.laneway.saga.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import io.laneway.infra.LocalInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The orchestrator's actuator: probes and Prometheus open, everything else (metrics, env-style endpoints) for admin only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.streams.auto-startup=false",
        "laneway.security.api-keys[0].key=saga-test-operator", "laneway.security.api-keys[0].client=operator",
        "laneway.security.api-keys[0].scopes=admin",
        "laneway.security.api-keys[1].key=saga-test-publisher", "laneway.security.api-keys[1].client=publisher",
        "laneway.security.api-keys[1].scopes=messages:write"})
class SagaActuatorSecurityTest {

    private static final LocalInfrastructure infra = LocalInfrastructure.shared();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", infra::kafkaBootstrapServers);
        registry.add("laneway.schema-registry.url", infra::schemaRegistryUrl);
        registry.add("spring.kafka.streams.state-dir", () -> Path.of("target", "saga-security-" + ProcessHandle.current().pid()).toString());
    }

    @Test
    void onlyHealthAndPrometheusAnswerWithoutAdmin() throws Exception {
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(200);
        for (String path : new String[] {"/actuator/metrics", "/actuator/info", "/actuator"}) {
            HttpResponse<String> anonymous = get(path, null);
            assertThat(anonymous.statusCode()).as(path + " without credentials").isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(get(path, "saga-test-publisher").statusCode()).as(path + " without scope admin").isEqualTo(403);
            assertThat(get(path, "saga-test-operator").statusCode()).as(path + " as an operator").isEqualTo(200);
        }
    }

    private HttpResponse<String> get(String path, String apiKey) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
