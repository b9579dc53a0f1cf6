package io.laneway.router.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.laneway.router.support.RouterIntegrationTest;
import io.laneway.router.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * What a client may not do even with valid credentials: publish the platform's internal commands, ask for a priority
 * its policy does not grant, or come with a token minted for another issuer, another audience or an API-key client.
 * Every refusal is problem+json and enqueues nothing.
 */
class TrustBoundaryTest extends RouterIntegrationTest {

    private static final String GREET = "{\"type\":\"demo.greet\",\"payload\":{\"name\":\"trust\"}}";

    @Test
    void theSagasCommandsAreInternalAndRefusedFromRest() throws Exception {
        var before = laneEndOffsets();

        var refund = post("""
                {"type":"order.refund-payment","payload":{"orderId":"o-1","paymentId":"pay-o-1","amountCents":0}}""");
        var charge = post("""
                {"type":"order.charge-payment","payload":{"orderId":"o-1","customerId":"c","amountCents":1}}""");
        var types = get("/v1/types", Map.of("Authorization", Tokens.bearer("test-client")));

        for (var answer : new HttpResponse<?>[] {refund, charge}) {
            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(answer.body().toString()).contains("is internal to the platform").contains("laneway.ingress");
        }
        assertThat(types.statusCode()).isEqualTo(200);
        assertThat(types.body()).contains("order.place").doesNotContain("order.refund-payment").doesNotContain("order.ship");
        assertThat(laneEndOffsets()).isEqualTo(before);
    }

    @Test
    void criticalIsForClientsWhosePolicyGrantsIt() throws Exception {
        var before = laneEndOffsets();
        String critical = "{\"type\":\"demo.greet\",\"priority\":\"critical\",\"payload\":{\"name\":\"c\"}}";

        var plain = post(port, critical, "plain-client");
        var keyed = send("/v1/messages", critical, Map.of("X-API-Key", "test-api-key"));

        for (var answer : new HttpResponse<?>[] {plain, keyed}) {
            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(answer.body().toString()).contains("may not publish with priority critical").contains("it may use: high, normal, low");
        }
        assertThat(laneEndOffsets()).isEqualTo(before);
        assertThat(post(port, "{\"type\":\"demo.greet\",\"priority\":\"low\",\"payload\":{\"name\":\"l\"}}", "plain-client").statusCode())
                .isEqualTo(202);
        assertThat(post(port, critical, "test-client").statusCode()).as("granted by its policy").isEqualTo(202);
    }

    @Test
    void tokensMustNameOurIssuerAndAudienceAndNoApiKeyClient() throws Exception {
        var before = laneEndOffsets();

        var otherIssuer = send("/v1/messages", GREET, bearer(Tokens.jwt("test-client", "messages:write", "https://elsewhere.example", "laneway")));
        var otherAudience = send("/v1/messages", GREET, bearer(Tokens.jwt("test-client", "messages:write admin", "laneway-local", "billing")));
        var noAudience = send("/v1/messages", GREET, bearer(Tokens.jwt("test-client", "messages:write", "laneway-local", null)));
        var posingAsKeyClient = send("/v1/messages", GREET, bearer(Tokens.jwt("keyed-client", "messages:write", "laneway-local", "laneway")));
        var emptyKey = send("/v1/messages", GREET, Map.of("X-API-Key", ""));

        assertThat(otherIssuer.statusCode()).isEqualTo(401);
        assertThat(otherIssuer.body()).contains("issuer");
        assertThat(otherAudience.statusCode()).isEqualTo(401);
        assertThat(otherAudience.body()).contains("audience");
        assertThat(noAudience.statusCode()).isEqualTo(401);
        assertThat(posingAsKeyClient.statusCode()).isEqualTo(401);
        assertThat(posingAsKeyClient.body()).contains("authenticates with an API key");
        assertThat(emptyKey.statusCode()).isEqualTo(401);
        assertThat(laneEndOffsets()).isEqualTo(before);
    }

    @Test
    void theActuatorShowsOnlyHealthAndPrometheusWithoutAdmin() throws Exception {
        assertThat(get("/actuator/health", Map.of()).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", Map.of()).statusCode()).isEqualTo(200);
        for (String path : new String[] {"/actuator/metrics", "/actuator/info", "/actuator"}) {
            assertThat(get(path, Map.of()).statusCode()).as(path + " without credentials").isEqualTo(401);
            assertThat(get(path, Map.of("Authorization", Tokens.bearer("test-client"))).statusCode()).as(path + " as a publisher")
                    .isEqualTo(403);
            assertThat(get(path, bearer(Tokens.jwt("ops", "admin"))).statusCode()).as(path + " as an operator").isEqualTo(200);
        }
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(request::header);
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String path, String body, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
