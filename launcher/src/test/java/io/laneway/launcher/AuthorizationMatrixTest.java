package io.laneway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.laneway.infra.Await;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what, on the running platform: every endpoint each service lists in its own {@code /actuator/mappings}
 * is called with every kind of credential, and the answer must be what the README's authorization matrix says. The
 * matrix is read from the README, so an endpoint added without a row there, or a row left for an endpoint that is
 * gone, fails this test; so does an answer that differs from the table.
 */
@ExtendWith(SecuredPlatform.class)
class AuthorizationMatrixTest {

    private static final byte[] JWT_SECRET = SecuredPlatform.JWT_SECRET;
    private static final Map<String, String> SECURITY_PREFIX = SecuredPlatform.SECURITY_PREFIX;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private static Platform platform;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The columns of the matrix: how a request authenticates. */
    enum Credential {
        NONE("no credentials"), WRONG_SCOPE("wrong scope"), ANOTHER_CLIENT("another client"), OWNER("the owner"), ADMIN("admin"),
        VALID_JWT("valid JWT"), EXPIRED_JWT("expired JWT"), WRONG_ISSUER_JWT("wrong-issuer JWT"), WRONG_AUDIENCE_JWT("wrong-audience JWT");

        final String column;

        Credential(String column) {
            this.column = column;
        }
    }

    record Endpoint(String service, String method, String path) implements Comparable<Endpoint> {
        @Override
        public int compareTo(Endpoint other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return service + " " + method + " " + path;
        }
    }

    @BeforeAll
    static void platform() {
        platform = SecuredPlatform.platform();
    }

    @Test
    void everyEndpointOfEveryServiceAnswersEachCredentialAsTheReadmeMatrixSays() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Map<Endpoint, String> rules = AuthorizationMatrix.rules(readme, List.copyOf(SECURITY_PREFIX.keySet()));
        Map<String, Map<Credential, String>> expectations = AuthorizationMatrix.expectations(readme);

        Set<Endpoint> listed = new TreeSet<>();
        for (String service : SECURITY_PREFIX.keySet()) {
            listed.addAll(mappings(service));
        }
        Set<Endpoint> withoutRow = new TreeSet<>(listed);
        withoutRow.removeAll(rules.keySet());
        Set<Endpoint> withoutEndpoint = new TreeSet<>(rules.keySet());
        withoutEndpoint.removeAll(listed);
        assertThat(withoutRow).as("endpoints the services list that have no row in the README's authorization matrix").isEmpty();
        assertThat(withoutEndpoint).as("rows of the README's authorization matrix for endpoints no service lists").isEmpty();
        assertThat(rules.values()).as("every rule has a row of expectations").allSatisfy(rule -> assertThat(expectations).containsKey(rule));

        Map<String, String> ownedIds = aliceOwnsAMessageAndAnOrder();
        List<String> mismatches = new ArrayList<>();
        Map<Endpoint, Set<Integer>> answered = new java.util.TreeMap<>();
        StringBuilder observed = new StringBuilder("endpoint | rule | " + String.join(" | ", columns()) + "\n");
        for (var row : new java.util.TreeMap<>(rules).entrySet()) {
            Endpoint endpoint = row.getKey();
            observed.append(endpoint).append(" | ").append(row.getValue());
            for (Credential credential : Credential.values()) {
                int status = call(endpoint, credential, ownedIds);
                answered.computeIfAbsent(endpoint, e -> new TreeSet<>()).add(status);
                String expected = expectations.get(row.getValue()).get(credential);
                observed.append(" | ").append(status);
                if (!AuthorizationMatrix.matches(expected, status)) {
                    mismatches.add(endpoint + " with " + credential.column + ": expected " + expected + ", got " + status);
                }
            }
            observed.append('\n');
        }
        System.out.println("Authorization matrix as observed:\n" + observed);
        assertThat(mismatches).as("answers that differ from the README's matrix").isEmpty();
        assertThat(undocumented(answered)).as("API endpoints, or answers they gave, that their service's OpenAPI document "
                + "(/v3/api-docs) does not describe").isEmpty();
    }

    /**
     * Every API endpoint ({@code /v1/}, {@code /internal/}) a service lists, and every status it answered the matrix's
     * calls with, must be in that service's OpenAPI document: a client generated from it meets nothing it does not know.
     * Every answer it documents, and its request body, carries an example.
     */
    private List<String> undocumented(Map<Endpoint, Set<Integer>> answered) throws Exception {
        Map<String, JsonNode> documents = new java.util.HashMap<>();
        List<String> missing = new ArrayList<>();
        answered.forEach((endpoint, statuses) -> {
            if (!endpoint.path().startsWith("/v1/") && !endpoint.path().startsWith("/internal/")) {
                return;
            }
            JsonNode document = documents.computeIfAbsent(endpoint.service(), this::apiDocs);
            JsonNode operation = document.path("paths").path(endpoint.path()).path(endpoint.method().toLowerCase(java.util.Locale.ROOT));
            if (operation.isMissingNode()) {
                missing.add(endpoint + " (no operation)");
                return;
            }
            statuses.stream().filter(status -> !operation.path("responses").has(String.valueOf(status)))
                    .forEach(status -> missing.add(endpoint + " answers " + status));
            operation.path("responses").properties().stream().filter(response -> !hasExample(response.getValue().path("content")))
                    .forEach(response -> missing.add(endpoint + " " + response.getKey() + " without an example"));
            if (operation.has("requestBody") && !hasExample(operation.path("requestBody").path("content"))) {
                missing.add(endpoint + " request body without an example");
            }
        });
        return missing;
    }

    /** An example in some media type of a request or response: what a client developer reads first. */
    private static boolean hasExample(JsonNode content) {
        return content.properties().stream().anyMatch(media -> media.getValue().has("example")
                || !media.getValue().path("examples").isEmpty());
    }

    private JsonNode apiDocs(String service) {
        try {
            var answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl(service) + "/v3/api-docs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(service + " /v3/api-docs").isEqualTo(200);
            return JSON.readTree(answer.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** alice publishes a message and places an order, so the owner rows have something of hers to read. */
    private Map<String, String> aliceOwnsAMessageAndAnOrder() throws Exception {
        String orderId = "matrix-order-" + UUID.randomUUID();
        String idempotencyKey = "matrix-key-" + UUID.randomUUID();
        var message = post(platform.routerUrl() + "/v1/messages", "{\"type\":\"demo.greet\",\"idempotencyKey\":\"" + idempotencyKey
                + "\",\"payload\":{\"name\":\"alice\"}}");
        var order = post(platform.routerUrl() + "/v1/messages", "{\"type\":\"order.place\",\"payload\":{\"orderId\":\"" + orderId
                + "\",\"customerId\":\"alice\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPriceCents\":100}]}}");
        assertThat(message.statusCode()).as(message.body()).isEqualTo(202);
        assertThat(order.statusCode()).as(order.body()).isEqualTo(202);
        String messageId = JSON.readTree(message.body()).get("id").asString();
        Await.until("alice's message and order in the projection", Duration.ofSeconds(60), () ->
                get(platform.projectionUrl() + "/v1/messages/" + messageId) == 200 && get(platform.projectionUrl() + "/v1/orders/" + orderId) == 200);
        return Map.of("/v1/messages/{id}", messageId, "/v1/orders/{id}", orderId, "/v1/messages/by-idempotency-key/{key}", idempotencyKey);
    }

    private int call(Endpoint endpoint, Credential credential, Map<String, String> ownedIds) throws Exception {
        String path = ownedIds.containsKey(endpoint.path()) ? endpoint.path().replaceAll("\\{[^}]+}", ownedIds.get(endpoint.path()))
                : endpoint.path().replaceAll("\\{[^}]+}", "matrix-probe").replace("**", "liveness");
        var request = HttpRequest.newBuilder(URI.create(baseUrl(endpoint.service()) + path)).timeout(Duration.ofSeconds(10));
        switch (credential) {
            case NONE -> { }
            case WRONG_SCOPE -> request.header("X-API-Key", "matrix-carol-key");
            case ANOTHER_CLIENT -> request.header("X-API-Key", "matrix-bob-key");
            case OWNER -> request.header("X-API-Key", "matrix-alice-key");
            case ADMIN -> request.header("X-API-Key", "matrix-operator-key");
            case VALID_JWT -> request.header("Authorization", "Bearer " + jwt("laneway-local", "laneway", 600));
            case EXPIRED_JWT -> request.header("Authorization", "Bearer " + jwt("laneway-local", "laneway", -600));
            case WRONG_ISSUER_JWT -> request.header("Authorization", "Bearer " + jwt("https://elsewhere.example", "laneway", 600));
            case WRONG_AUDIENCE_JWT -> request.header("Authorization", "Bearer " + jwt("laneway-local", "billing", 600));
        }
        // a body the handlers refuse (400/422): an endpoint that lets the caller in changes nothing
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("{}");
        String method = endpoint.method().equals("ANY") ? "GET" : endpoint.method();
        request.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : body);
        if (!method.equals("GET")) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** What the service lists: every (method, pattern) of its dispatcher servlet's request mappings, actuator included. */
    private Set<Endpoint> mappings(String service) throws Exception {
        var answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl(service) + "/actuator/mappings"))
                .header("X-API-Key", "matrix-operator-key").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(service + " /actuator/mappings: " + answer.body()).isEqualTo(200);
        Set<Endpoint> endpoints = new TreeSet<>();
        for (JsonNode context : JSON.readTree(answer.body()).get("contexts")) {
            for (JsonNode servlet : context.get("mappings").get("dispatcherServlets")) {
                for (JsonNode mapping : servlet) {
                    JsonNode conditions = mapping.path("details").path("requestMappingConditions");
                    if (conditions.isMissingNode()) {
                        continue; // static resource handlers: no endpoint of ours
                    }
                    List<String> methods = new ArrayList<>();
                    conditions.get("methods").forEach(m -> methods.add(m.asString()));
                    if (methods.isEmpty()) {
                        methods.add("ANY");
                    }
                    for (JsonNode pattern : conditions.get("patterns")) {
                        methods.forEach(m -> endpoints.add(new Endpoint(service, m, pattern.asString())));
                    }
                }
            }
        }
        return endpoints;
    }

    private static List<String> columns() {
        return java.util.Arrays.stream(Credential.values()).map(c -> c.column).toList();
    }

    private static String baseUrl(String service) {
        return switch (service) {
            case "router" -> platform.routerUrl();
            case "projection" -> platform.projectionUrl();
            case "pool" -> "http://127.0.0.1:" + platform.ports().pool();
            case "saga" -> "http://127.0.0.1:" + platform.ports().saga();
            default -> throw new IllegalArgumentException(service);
        };
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("X-API-Key", "matrix-alice-key").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", "matrix-alice-key").build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String jwt(String issuer, String audience, int expiresInSeconds) {
        try {
            var claims = new JWTClaimsSet.Builder().subject("jwt-client").claim("scope", "messages:write messages:read")
                    .issuer(issuer).audience(audience).issueTime(Date.from(Instant.now().minusSeconds(1200)))
                    .expirationTime(Date.from(Instant.now().plusSeconds(expiresInSeconds))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(JWT_SECRET));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
