package io.laneway.contracts.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A registry that leaves a request unanswered or answers 5xx gets the request again; one that answers 4xx does not.
 * The registry here is a scripted HTTP server, because a real one cannot be made to hang on cue.
 */
class RegistryRetryTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer registry;

    @AfterEach
    void stop() {
        release.countDown();
        registry.stop(0);
    }

    @Test
    void aRequestLeftUnansweredIsSentAgainAndTheSecondAnswerCounts() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start(exchange -> {
            if (calls.incrementAndGet() == 1) {
                await(); // the first request hangs until the test ends
            }
            answer(exchange, 200, "[\"orders-value\"]");
        });

        assertThat(client(Duration.ofMillis(500)).subjects()).containsExactly("orders-value");
        assertThat(calls).hasValue(2);
    }

    @Test
    void aServerErrorIsRetriedUpToTheAttemptBudget() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start(exchange -> {
            calls.incrementAndGet();
            answer(exchange, 500, "{\"error_code\":50001,\"message\":\"Timeout trying to lock table\"}");
        });

        assertThatThrownBy(() -> client(Duration.ofSeconds(5)).subjects())
                .isInstanceOf(SchemaRegistryException.class).hasMessageContaining("Timeout trying to lock table");
        assertThat(calls).hasValue(SchemaRegistryClient.ATTEMPTS);
    }

    @Test
    void theCallersMistakeIsNeverRepeated() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start(exchange -> {
            calls.incrementAndGet();
            answer(exchange, 404, "{\"error_code\":40401,\"message\":\"Subject not found\"}");
        });

        assertThatThrownBy(() -> client(Duration.ofSeconds(5)).latestSchema("missing-value"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
        assertThat(calls).hasValue(1);
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private void start(Handler handler) throws IOException {
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.setExecutor(Executors.newCachedThreadPool()); // a hanging request must not block the next one
        registry.createContext("/", handler::handle);
        registry.start();
    }

    private SchemaRegistryClient client(Duration attemptTimeout) {
        return new SchemaRegistryClient("http://127.0.0.1:" + registry.getAddress().getPort(), attemptTimeout);
    }

    private void await() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
