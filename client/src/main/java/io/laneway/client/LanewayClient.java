package io.laneway.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes to a Laneway router and reads statuses. Every publish carries an idempotency key (the message's own, or one
 * made for it), so the client retries freely: a 429 or 503 (sent again after its Retry-After, with jitter) and a lost
 * connection (sent again after the backoff) never make a second message. Other refusals are thrown at once as
 * {@link LanewayProblem}s. Thread-safe; one per application is enough.
 */
public final class LanewayClient {

    private final URI router;
    private final Supplier<Map<String, String>> credentials;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final RetryListener onRetry;
    private final ObjectMapper json = JsonMapper.builder().build();

    /** Told of each retry before its wait: the attempt refused, its status (0 for a lost connection), the wait. */
    @FunctionalInterface
    public interface RetryListener {
        void retrying(int attempt, int status, Duration wait);
    }

    private LanewayClient(Builder b) {
        this.router = b.router;
        this.credentials = b.credentials;
        this.maxAttempts = b.maxAttempts;
        this.backoff = new Backoff(b.initialBackoff, b.maxBackoff);
        this.requestTimeout = b.requestTimeout;
        this.http = b.http != null ? b.http : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.onRetry = b.onRetry;
    }

    public static Builder builder(URI routerUrl) {
        return new Builder(routerUrl);
    }

    /** One message; returns once the router has it durably in Kafka. */
    public Accepted publish(Message message) {
        HttpResponse<String> response = send("/v1/messages", body(message), true);
        JsonNode answer = json.readTree(response.body());
        return new Accepted(answer.get("id").asString(), answer.get("lane").asString(), URI.create(answer.get("statusUrl").asString()),
                !"false".equals(response.headers().firstValue("Idempotency-Key-Recorded").orElse("true")));
    }

    /**
     * Many messages in one request; the items the router refused with 429 or 503 are sent again (the others are final),
     * until accepted or the attempts run out.
     */
    public BatchResult publishBatch(List<Message> messages) {
        BatchResult.Item[] items = new BatchResult.Item[messages.size()];
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            open.add(i);
        }
        for (int attempt = 1; !open.isEmpty(); attempt++) {
            ObjectNode batch = json.createObjectNode();
            var array = batch.putArray("messages");
            open.forEach(i -> array.add(body(messages.get(i))));
            JsonNode answer = json.readTree(send("/v1/messages:batch", batch, true).body());
            List<Integer> again = new ArrayList<>();
            int retryStatus = 0;
            for (JsonNode result : answer.get("results")) {
                int i = open.get(result.get("index").asInt());
                int status = result.get("status").asInt();
                if (status == 202) {
                    items[i] = new BatchResult.Item(i, new Accepted(result.get("id").asString(), result.get("lane").asString(),
                            URI.create(result.get("statusUrl").asString()), true), null);
                } else {
                    items[i] = new BatchResult.Item(i, null, new LanewayProblem(status, text(result, "title"), text(result, "detail"),
                            result.toString()));
                    if ((status == 429 || status == 503) && attempt < maxAttempts) {
                        again.add(i);
                        retryStatus = status;
                    }
                }
            }
            if (!again.isEmpty()) {
                pause(attempt, retryStatus, null);
            }
            open = again;
        }
        return new BatchResult(List.of(items));
    }

    /** The message's status now; null while the status view has not seen it yet. */
    public MessageStatus status(Accepted accepted) {
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(accepted.statusUrl()).GET());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw problem(response);
        }
        JsonNode body = json.readTree(response.body());
        return new MessageStatus(text(body, "id"), text(body, "status"), body);
    }

    /**
     * Polls the status until it is final (COMPLETED or DEAD_LETTERED) or the deadline passes.
     *
     * @throws LanewayTimeout with the last status seen, when the deadline passes first
     */
    public MessageStatus awaitStatus(Accepted accepted, Duration deadline) {
        Instant end = Instant.now().plus(deadline);
        long pollMillis = 50;
        MessageStatus last = null;
        while (true) {
            last = status(accepted);
            if (last != null && last.isFinal()) {
                return last;
            }
            if (Instant.now().plusMillis(pollMillis).isAfter(end)) {
                throw new LanewayTimeout(accepted.id(), deadline, last);
            }
            sleep(Duration.ofMillis(pollMillis));
            pollMillis = Math.min(pollMillis * 2, 1_000);
        }
    }

    private ObjectNode body(Message message) {
        ObjectNode body = json.createObjectNode();
        body.put("type", message.type());
        JsonNode payload = json.valueToTree(message.payload());
        if (!payload.isObject()) {
            throw new IllegalArgumentException("A payload must be a JSON object, not " + payload.getNodeType());
        }
        body.set("payload", payload);
        body.put("idempotencyKey", message.idempotencyKey());
        if (message.priority() != null) {
            body.put("priority", message.priority());
        }
        if (message.orderingKey() != null) {
            body.put("orderingKey", message.orderingKey());
        }
        if (message.correlationId() != null) {
            body.put("correlationId", message.correlationId());
        }
        return body;
    }

    /** POSTs with retries on 429, 503 and lost connections; any other non-2xx is thrown. */
    private HttpResponse<String> send(String path, JsonNode body, boolean retry) {
        String text = json.writeValueAsString(body);
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = exchangeOnce(HttpRequest.newBuilder(router.resolve(path)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(text)));
            } catch (IOException e) {
                if (!retry || attempt >= maxAttempts) {
                    throw new LanewayUnavailable("The router at " + router + " did not answer after " + attempt + " attempts", e);
                }
                pause(attempt, 0, null);
                continue;
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                return response;
            }
            if (retry && (status == 429 || status == 503) && attempt < maxAttempts) {
                pause(attempt, status, Backoff.parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null)));
                continue;
            }
            throw problem(response);
        }
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return exchangeOnce(request);
        } catch (IOException e) {
            throw new LanewayUnavailable("No answer from " + request.build().uri(), e);
        }
    }

    private HttpResponse<String> exchangeOnce(HttpRequest.Builder request) throws IOException {
        credentials.get().forEach(request::header);
        try {
            return http.send(request.timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void pause(int attempt, int status, Duration retryAfter) {
        Duration wait = backoff.delayAfter(attempt, retryAfter, ThreadLocalRandom.current().nextDouble());
        onRetry.retrying(attempt, status, wait);
        sleep(wait);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LanewayUnavailable("Interrupted while waiting to retry", e);
        }
    }

    private LanewayProblem problem(HttpResponse<String> response) {
        String title = null;
        String detail = null;
        try {
            JsonNode body = json.readTree(response.body());
            title = text(body, "title");
            detail = text(body, "detail");
        } catch (RuntimeException notJson) {
            detail = response.body();
        }
        return new LanewayProblem(response.statusCode(), title == null ? "HTTP " + response.statusCode() : title, detail, response.body());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** How the client is set up. Credentials: an API key or a bearer token (from a supplier, so it can be refreshed). */
    public static final class Builder {

        private final URI router;
        private Supplier<Map<String, String>> credentials = Map::of;
        private int maxAttempts = 5;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private HttpClient http;
        private RetryListener onRetry = (attempt, status, wait) -> { };

        private Builder(URI router) {
            this.router = router;
        }

        public Builder apiKey(String key) {
            this.credentials = () -> Map.of("X-API-Key", key);
            return this;
        }

        public Builder bearerToken(Supplier<String> token) {
            this.credentials = () -> {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Authorization", "Bearer " + token.get());
                return headers;
            };
            return this;
        }

        /** Attempts per request, the first included (default 5). */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("at least one attempt");
            }
            this.maxAttempts = attempts;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder httpClient(HttpClient client) {
            this.http = client;
            return this;
        }

        public Builder onRetry(RetryListener listener) {
            this.onRetry = listener;
            return this;
        }

        public LanewayClient build() {
            return new LanewayClient(this);
        }
    }
}
