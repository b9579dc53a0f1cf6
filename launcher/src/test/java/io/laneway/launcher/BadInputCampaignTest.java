package io.laneway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.laneway.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Thousands of generated malformed requests against every REST endpoint of the running platform (router, the pool's
 * dead-letter admin API, the projection's queries): broken and hostile JSON, wrong types, huge fields, unicode edge
 * cases, missing or forged credentials, wrong methods and media types. Not one may get a 5xx; every error is
 * problem+json without a stack trace; and nothing reaches a lane or the ingress topic.
 */
@ExtendWith(SecuredPlatform.class)
class BadInputCampaignTest {

    private static final String POOL_ADMIN_KEY = SecuredPlatform.POOL_ADMIN_KEY;
    private static final String POOL_WRITER_KEY = SecuredPlatform.POOL_WRITER_KEY;
    private static final List<String> WRITTEN_TOPICS = List.of(Topics.LANE_FAST, Topics.LANE_HEAVY, Topics.LANE_LONG_RUNNING, Topics.INGRESS);
    private static Platform platform;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Attempt(String what, HttpRequest request) {
    }

    record Outcome(String what, int status, String contentType, String body) {
    }

    @BeforeAll
    static void platform() {
        platform = SecuredPlatform.platform();
    }

    @Test
    void noMalformedRequestGetsA5xxOrAStackTraceOrEnqueuesAnything() throws Exception {
        Map<TopicPartition, Long> before = endOffsets();
        List<Attempt> attempts = campaign(new Random(20261123L));
        assertThat(attempts).hasSizeGreaterThan(3000);

        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        try (var workers = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (Attempt attempt : attempts) {
                done.add(workers.submit(() -> {
                    HttpResponse<String> response = http.send(attempt.request(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    outcomes.add(new Outcome(attempt.what(), response.statusCode(),
                            response.headers().firstValue("Content-Type").orElse(""), response.body()));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }

        List<String> serverErrors = new ArrayList<>();
        List<String> notProblems = new ArrayList<>();
        List<String> untyped = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        Map<Integer, Integer> byStatus = new HashMap<>();
        for (Outcome o : outcomes) {
            byStatus.merge(o.status(), 1, Integer::sum);
            if (o.status() >= 500) {
                serverErrors.add(o.what() + " -> " + o.status() + " " + abbreviate(o.body()));
            }
            if (o.status() >= 400 && !o.contentType().startsWith("application/problem+json")) {
                notProblems.add(o.what() + " -> " + o.status() + " " + o.contentType() + " " + abbreviate(o.body()));
            } else if (o.status() >= 400 && !o.body().contains("\"type\":\"urn:laneway:problem:")) {
                untyped.add(o.what() + " -> " + abbreviate(o.body()));
            }
            if (o.body().contains("\tat ") || o.body().contains("Exception:") || o.body().contains("org.springframework.")
                    || o.body().contains("io.laneway.") || o.body().contains("java.lang.")) {
                leaks.add(o.what() + " -> " + abbreviate(o.body()));
            }
        }
        assertThat(serverErrors).as("5xx answers (of %s)", byStatus).isEmpty();
        assertThat(notProblems).as("errors that are not problem+json").isEmpty();
        assertThat(untyped).as("problems without their stable type (urn:laneway:problem:<title>)").isEmpty();
        assertThat(leaks).as("answers that leak internals").isEmpty();
        // a batch answers 207 with each item's problem; none of these may hold an accepted item
        // (and a dead-letter replay filter that happens to be well-formed matches nothing: "replayed":0)
        assertThat(outcomes).as("every request was refused").allMatch(o -> o.status() >= 400
                || (o.status() == 207 && o.body().contains("\"accepted\":0,"))
                || (o.status() == 200 && o.what().startsWith("replay filter") && o.body().contains("\"replayed\":0")));
        assertThat(endOffsets()).as("nothing reached a lane or the ingress topic").isEqualTo(before);
    }

    private List<Attempt> campaign(Random random) {
        List<Attempt> attempts = new ArrayList<>();
        String router = platform.routerUrl();
        String key = platform.apiKey();
        List<String> bodies = malformedBodies(random);
        for (String body : bodies) {
            attempts.add(post("router single: " + abbreviate(body), router + "/v1/messages", body, "application/json", "X-API-Key", key));
            attempts.add(post("router batch: " + abbreviate(body), router + "/v1/messages:batch", "{\"messages\":[" + body + "]}",
                    "application/json", "X-API-Key", key));
            attempts.add(post("router batch raw: " + abbreviate(body), router + "/v1/messages:batch", body, "application/json", "X-API-Key", key));
        }
        String valid = "{\"type\":\"demo.greet\",\"payload\":{\"name\":\"Ada\"}}";
        for (String credential : forgedCredentials(random)) {
            String[] header = credential.split(": ", 2);
            attempts.add(post("credential " + abbreviate(credential), router + "/v1/messages", valid, "application/json", header[0], header[1]));
            attempts.add(post("credential batch " + abbreviate(credential), router + "/v1/messages:batch", "{\"messages\":[" + valid + "]}",
                    "application/json", header[0], header[1]));
        }
        attempts.add(post("no credentials", router + "/v1/messages", valid, "application/json", "X-Other", "x"));
        for (String contentType : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/json; charset=ebcdic")) {
            attempts.add(post("content type " + contentType, router + "/v1/messages", valid, contentType, "X-API-Key", key));
        }
        attempts.add(new Attempt("huge body", HttpRequest.newBuilder(URI.create(router + "/v1/messages")).header("Content-Type", "application/json")
                .header("X-API-Key", key).POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"demo.greet\",\"payload\":{\"name\":\""
                        + "x".repeat(600_000) + "\"}}")).build()));
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            attempts.add(new Attempt(method + " /v1/messages", HttpRequest.newBuilder(URI.create(router + "/v1/messages")).header("X-API-Key", key)
                    .method(method, HttpRequest.BodyPublishers.ofString(valid)).build()));
        }
        for (String id : hostileIds(random)) {
            attempts.add(get("projection message " + abbreviate(id), platform.projectionUrl() + "/v1/messages/" + id, "X-API-Key", key));
            attempts.add(get("projection order " + abbreviate(id), platform.projectionUrl() + "/v1/orders/" + id, "X-API-Key", key));
            attempts.add(get("projection sales " + abbreviate(id), platform.projectionUrl() + "/v1/products/p/sales?from=" + id, "X-API-Key", key));
            attempts.add(get("projection lanes " + abbreviate(id), platform.projectionUrl() + "/v1/lanes/stats?window=" + id, "X-API-Key", key));
            attempts.add(get("dead letter " + abbreviate(id), poolUrl() + "/v1/dead-letters/" + id, "X-API-Key", POOL_ADMIN_KEY));
            attempts.add(get("dead letters status " + abbreviate(id), poolUrl() + "/v1/dead-letters?status=" + id, "X-API-Key", POOL_ADMIN_KEY));
            attempts.add(get("dead letters page " + abbreviate(id), poolUrl() + "/v1/dead-letters?size=" + id, "X-API-Key", POOL_ADMIN_KEY));
            attempts.add(post("replay " + abbreviate(id), poolUrl() + "/v1/dead-letters/" + id + "/replay", "{}", "application/json",
                    "X-API-Key", POOL_ADMIN_KEY));
        }
        for (String body : bodies.subList(0, 200)) {
            attempts.add(post("replay filter " + abbreviate(body), poolUrl() + "/v1/dead-letters/replay", body, "application/json",
                    "X-API-Key", POOL_ADMIN_KEY));
        }
        attempts.add(get("dead letters without a key", poolUrl() + "/v1/dead-letters"));
        attempts.add(get("projection order without a key", platform.projectionUrl() + "/v1/orders/o-1"));
        attempts.add(get("projection order with an unknown key", platform.projectionUrl() + "/v1/orders/o-1", "X-API-Key", "not-a-key"));
        attempts.add(get("dead letters without scope admin", poolUrl() + "/v1/dead-letters", "X-API-Key", POOL_WRITER_KEY));
        attempts.add(get("unknown route", router + "/v1/nothing-here", "X-API-Key", key));
        return attempts;
    }

    /** Requests the router must refuse: broken JSON, wrong shapes and types, unknown types, hostile strings. */
    private static List<String> malformedBodies(Random random) {
        List<String> bodies = new ArrayList<>(List.of("", " ", "null", "[]", "{}", "\"text\"", "42", "{", "}", "{\"type\":", "{\"type\":\"demo.greet\"",
                "{\"type\":\"demo.greet\",}", "{'type':'demo.greet'}", "{\"type\":\"demo.greet\",\"payload\":}", "{\"type\":null}",
                "{\"type\":42,\"payload\":{}}", "{\"type\":[\"demo.greet\"],\"payload\":{}}", "{\"type\":{\"x\":1},\"payload\":{}}",
                "{\"type\":\"demo.greet\"}", "{\"type\":\"demo.greet\",\"payload\":\"Ada\"}", "{\"type\":\"demo.greet\",\"payload\":42}",
                "{\"type\":\"demo.greet\",\"payload\":[]}", "{\"type\":\"demo.greet\",\"payload\":{\"name\":42}}",
                "{\"type\":\"demo.greet\",\"payload\":{\"nom\":\"Ada\"}}", "{\"type\":\"demo.greet\",\"payload\":{\"name\":null}}",
                "{\"type\":\"demo.greet\",\"priority\":\"URGENT\",\"payload\":{\"name\":\"Ada\"}}",
                "{\"type\":\"demo.greet\",\"priority\":7,\"payload\":{\"name\":\"Ada\"}}",
                "{\"type\":\"demo.greet\",\"payload\":{\"name\":1e999}}", "{\"type\":\"demo.greet\",\"payload\":{\"name\":NaN}}",
                "{\"type\":\"" + "t".repeat(10_000) + "\",\"payload\":{}}", "{\"messages\":\"not a list\"}", "{\"messages\":[1,2,3]}",
                "[" .repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                "\u0000\u0001\u0002", "\uFEFF{\"type\":\"demo.greet\",\"payload\":{\"name\":\"Ada\"}", "{\"type\":\"demo.greet\u0000\",\"payload\":{}}",
                "{\"type\":\"\u202Eteerg.omed\",\"payload\":{}}", "{\"type\":\"\uD83D\uDE00\",\"payload\":{}}",
                "{\"type\":\"\\uD800\",\"payload\":{}}", "{\"type\":\"demo.greet\",\"payload\":{\"name\":\"\\uDFFF\"},\"priority\":\"LOW\",\"x\":"));
        String[] types = {"demo.greet", "order.place", "no.such.type", "", " ", "DEMO.GREET", "../etc/passwd", "demo.greet;drop table", "é", "\u0301"};
        String[] values = {"null", "true", "-1", "1.5", "\"\"", "[]", "{}", "\"" + "z".repeat(5000) + "\"", "\"\\u0000\"", "9".repeat(400)};
        String[] fields = {"type", "payload", "priority", "idempotencyKey", "orderingKey", "correlationId", "deadline", "messages"};
        while (bodies.size() < 1000) {
            StringBuilder body = new StringBuilder("{");
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                String field = fields[random.nextInt(fields.length)];
                String value = field.equals("type") ? "\"" + types[random.nextInt(types.length)] + "\"" : values[random.nextInt(values.length)];
                body.append(i == 0 ? "" : ",").append('"').append(field).append("\":").append(value);
            }
            String candidate = body.append('}').toString();
            if (random.nextInt(5) == 0) {
                candidate = candidate.substring(0, random.nextInt(candidate.length())); // truncated
            }
            // a body with a known type and an object payload could be valid: the campaign only sends invalid ones
            if (!(candidate.contains("\"type\":\"demo.greet\"") || candidate.contains("\"type\":\"order.place\""))
                    || !candidate.contains("\"payload\":{")) {
                bodies.add(candidate);
            }
        }
        return bodies;
    }

    private static List<String> forgedCredentials(Random random) {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes());
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"mallory\",\"scope\":\"messages:write admin\",\"exp\":9999999999}".getBytes());
        List<String> credentials = new ArrayList<>(List.of("X-API-Key: ", "X-API-Key: wrong", "X-API-Key: " + "k".repeat(10_000),
                "Authorization: Bearer", "Authorization: Bearer " + header + "." + claims + ".c2lnbmF0dXJl",
                "Authorization: Bearer " + none + "." + claims + ".", "Authorization: Bearer not.a.jwt", "Authorization: Basic YWRtaW46YWRtaW4=",
                "Authorization: Bearer " + "a".repeat(20_000)));
        for (int i = 0; i < 100; i++) {
            byte[] bytes = new byte[1 + random.nextInt(64)];
            random.nextBytes(bytes);
            credentials.add((i % 2 == 0 ? "X-API-Key: " : "Authorization: Bearer ") + Base64.getEncoder().encodeToString(bytes));
        }
        return credentials;
    }

    private static List<String> hostileIds(Random random) {
        List<String> ids = new ArrayList<>(List.of("%00", "%25", "..%2F..%2Fetc%2Fpasswd", "%E2%80%AE", "%F0%9F%98%80", "%FF%FE", "a%20b",
                "x".repeat(4000), "-1", "99999999999999999999", "1e3", "null", "%7B%7D", "%5B%5D", "NaN"));
        while (ids.size() < 100) {
            StringBuilder id = new StringBuilder();
            for (int i = 0; i < 1 + random.nextInt(30); i++) {
                id.append(String.format("%%%02X", random.nextInt(256)));
            }
            ids.add(id.toString());
        }
        return ids;
    }

    private static Attempt post(String what, String url, String body, String contentType, String header, String value) {
        return new Attempt(what, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .header(header, value).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    private static Attempt get(String what, String url, String... header) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (header.length == 2) {
            request.header(header[0], header[1]);
        }
        return new Attempt(what, request.GET().build());
    }

    private static String poolUrl() {
        return "http://127.0.0.1:" + platform.ports().pool();
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.infrastructure().kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : WRITTEN_TOPICS) {
                for (int p = 0; p < Topics.all().get(topic); p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> offsets.put(tp, info.offset()));
            return offsets;
        }
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "…(" + s.length() + ")" : printable;
    }
}
