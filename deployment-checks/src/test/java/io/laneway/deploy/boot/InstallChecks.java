package io.laneway.deploy.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.laneway.infra.Await;

/** What an installed platform must do, whichever file installed it: start, carry a message, run an order's saga. */
final class InstallChecks {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    /** A start is slower here than in a cluster: four JVMs share two cores. */
    static final Duration START = Duration.ofSeconds(180);

    private InstallChecks() {
    }

    /** Starts every container at once, as an install does, and waits on each one's readiness probe. */
    static List<Container> startAll(List<ContainerSpec> specs, java.nio.file.Path runDir) {
        List<Container> started = new java.util.ArrayList<>();
        try {
            for (ContainerSpec spec : specs) {
                started.add(Container.start(spec, OciImage.of(spec.service()), runDir));
            }
            CompletableFuture.allOf(started.stream().map(c -> CompletableFuture.runAsync(() -> c.awaitReady(START)))
                    .toArray(CompletableFuture[]::new)).join();
            return started;
        } catch (RuntimeException e) {
            started.forEach(Container::close);
            throw e instanceof java.util.concurrent.CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    static Container named(List<Container> containers, String service) {
        return containers.stream().filter(c -> c.spec().service().equals(service)).findFirst().orElseThrow();
    }

    static String url(Container container) {
        return "http://127.0.0.1:" + container.spec().readiness().port();
    }

    /** Stocks a product in the pool's database, as an operator's inventory import would, after the pool migrated it. */
    static void stock(String jdbcUrl, String user, String password, String sku) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
            db.createStatement().executeUpdate("insert into stock (sku, available) values ('" + sku + "', 100) on conflict (sku) do nothing");
        }
    }

    /** Publishes one message through the router and follows the status URL the router answers until COMPLETED. */
    @SuppressWarnings("unchecked")
    static void aMessageCompletes(String routerUrl, String apiKey, NetworkStandIn network) throws Exception {
        HttpResponse<String> accepted = post(routerUrl + "/v1/messages", apiKey, "{\"type\":\"demo.greet\",\"payload\":{\"name\":\"boot\"}}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        // the status URL as a client gets it; the network stand-in maps its Service or published address to loopback
        String statusUrl = network.rewrite(JSON.unmarshal(accepted.body(), Map.class).get("statusUrl").toString());
        awaitStatus(statusUrl, apiKey, "COMPLETED");
    }

    /** Places an order and waits until its saga completes (stock reserved, payment charged, shipped). */
    static void anOrderCompletes(String routerUrl, String projectionUrl, String apiKey, String sku) throws Exception {
        String order = "boot-" + UUID.randomUUID();
        HttpResponse<String> accepted = post(routerUrl + "/v1/messages", apiKey, """
                {"type":"order.place","payload":{"orderId":"%s","customerId":"c-boot","lines":[{"sku":"%s","quantity":1,"unitPriceCents":100}]}}"""
                .formatted(order, sku));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        awaitStatus(projectionUrl + "/v1/orders/" + order, apiKey, "COMPLETED");
    }

    @SuppressWarnings("unchecked")
    private static void awaitStatus(String url, String apiKey, String expected) {
        AtomicReference<String> last = new AtomicReference<>("(no answer)");
        try {
            Await.until(url + " to say " + expected, Duration.ofSeconds(90), () -> {
                try {
                    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", apiKey).build(),
                            HttpResponse.BodyHandlers.ofString());
                    last.set(answer.statusCode() + " " + answer.body());
                    if (answer.statusCode() != 200) {
                        return false;
                    }
                    Object status = JSON.unmarshal(answer.body(), Map.class).get("status");
                    if ("DEAD_LETTERED".equals(status) || "CANCELLED".equals(status)) {
                        throw new AssertionError(url + " ended " + status + ": " + answer.body());
                    }
                    return expected.equals(status);
                } catch (java.io.IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
        } catch (RuntimeException e) {
            throw new AssertionError("last answer: " + last.get(), e);
        }
    }

    private static HttpResponse<String> post(String url, String apiKey, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
