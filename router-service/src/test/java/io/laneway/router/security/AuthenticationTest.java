package io.laneway.router.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.laneway.router.support.RouterIntegrationTest;
import io.laneway.router.support.Tokens;
import org.junit.jupiter.api.Test;

/** 401 without credentials, 403 without the scope or for a type the client may not publish; nothing enqueued. */
class AuthenticationTest extends RouterIntegrationTest {

    private static final String BODY = "{\"type\":\"demo.greet\",\"payload\":{\"name\":\"auth\"}}";

    @Test
    void refusedRequestsGetProblemJsonAndEnqueueNothing() throws Exception {
        var before = laneEndOffsets();

        var anonymous = send(BODY, Map.of());
        var badKey = send(BODY, Map.of("X-API-Key", "not-a-key"));
        var forgedJwt = send(BODY, Map.of("Authorization", "Bearer " + Tokens.jwt("mallory", "messages:write") + "x"));
        var readOnlyJwt = send(BODY, Map.of("Authorization", "Bearer " + Tokens.jwt("jwt-reader", "messages:read")));
        var readOnlyKey = send(BODY, Map.of("X-API-Key", "read-only-key"));
        var disallowedType = send("{\"type\":\"report.render\",\"payload\":{\"reportId\":\"r\",\"pages\":1}}",
                Map.of("X-API-Key", "test-api-key"));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("X-API-Key");
        assertThat(badKey.statusCode()).isEqualTo(401);
        assertThat(forgedJwt.statusCode()).isEqualTo(401);
        assertThat(readOnlyJwt.statusCode()).isEqualTo(403);
        assertThat(readOnlyKey.statusCode()).isEqualTo(403);
        assertThat(disallowedType.statusCode()).isEqualTo(403);
        assertThat(disallowedType.body()).contains("may publish only: demo.greet");
        for (var answer : new HttpResponse<?>[] {anonymous, badKey, forgedJwt, readOnlyJwt, readOnlyKey, disallowedType}) {
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        }
        assertThat(laneEndOffsets()).isEqualTo(before);
    }

    @Test
    void anApiKeyPublishesAsItsClient() throws Exception {
        var answer = send(BODY, Map.of("X-API-Key", "test-api-key"));

        assertThat(answer.statusCode()).isEqualTo(202);
        String id = idOf(answer);
        assertThat(laneRecords("laneway.lane.fast").stream()
                .filter(r -> r.get("id").toString().equals(id))
                .map(r -> ((org.apache.avro.generic.GenericRecord) r.get("metadata")).get("source").toString()))
                .containsExactly("keyed-client");
    }

    @Test
    void healthStaysOpenForProbes() throws Exception {
        var health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String body, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
