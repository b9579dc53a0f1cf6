package io.laneway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Talking to the service JVMs a benchmark starts. */
final class Services {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Services() {
    }

    /** Spring Boot's readiness probe answers 200. */
    static boolean ready(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** Something accepts connections on the port (a server without an actuator). */
    static boolean listening(int port) {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The service's Prometheus scrape, or an empty string when it does not answer. */
    static String metrics(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    /**
     * A lane's pool gauges in one line, "limit/workers/in flight/buffered/batch" (e.g. {@code 48/48/96/296/1}): whether
     * the lane waits for workers (workers at the limit, envelopes buffered), for its limit, or for nothing.
     */
    static String laneGauges(int port, String lane) {
        return laneGauges(metrics(port), lane);
    }

    /** As {@link #laneGauges(int, String)}, from a scrape already taken. */
    static String laneGauges(String scrape, String lane) {
        List<String> values = new ArrayList<>();
        for (String gauge : List.of("concurrency_limit", "workers", "in_flight", "buffered", "batch_size")) {
            values.add(scrape.lines().filter(l -> l.startsWith("laneway_pool_" + gauge + "{") && l.contains("lane=\"" + lane + "\""))
                    .map(l -> l.substring(l.lastIndexOf(' ') + 1).replaceAll("\\.0$", "")).findFirst().orElse("?"));
        }
        return String.join("/", values);
    }

    /**
     * The lane's learned handler time per envelope type, from a scrape of the pool ({@code laneway.pool.handler.expected}), e.g.
     * {@code order.ship=71 order.reserve-stock=12}: what the batcher counts against its time budget.
     */
    static String expectedHandlerMillis(String scrape, String lane) {
        String prefix = "laneway_pool_handler_expected_milliseconds{";
        return scrape.lines().filter(l -> l.startsWith(prefix) && l.contains("lane=\"" + lane + "\""))
                .map(l -> l.replaceAll(".*type=\"([^\"]*)\".*", "$1") + "=" + Math.round(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))))
                .sorted().reduce((a, b) -> a + " " + b).orElse("?");
    }

    /** Envelopes the pool has processed so far, on one lane or (lane null) on all, from its counter. */
    static long processed(int port, String lane) {
        return Services.metrics(port).lines()
                .filter(l -> l.startsWith("laneway_pool_envelopes_total") && l.contains("outcome=\"processed\"")
                        && (lane == null || l.contains("lane=\"" + lane + "\"")))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
