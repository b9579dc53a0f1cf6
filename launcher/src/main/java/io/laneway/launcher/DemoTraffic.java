package io.laneway.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishes a bounded batch of sample messages across the three lanes and prints their progress until
 * every one is COMPLETED (or a deadline passes), then places a few orders and follows their sagas. Loopback only,
 * stops by itself.
 */
final class DemoTraffic {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String routerUrl;
    private final String projectionUrl;
    private final String apiKey;

    DemoTraffic(String routerUrl, String projectionUrl, String apiKey) {
        this.routerUrl = routerUrl;
        this.projectionUrl = projectionUrl;
        this.apiKey = apiKey;
    }

    void run(int messages) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            String body = switch (i % 4) {
                case 0 -> "{\"type\":\"report.render\",\"orderingKey\":\"report-" + i + "\",\"payload\":{\"reportId\":\"r" + i + "\",\"pages\":50}}";
                case 1 -> "{\"type\":\"video.transcode\",\"payload\":{\"videoId\":\"v" + i + "\",\"segments\":3,\"segmentMillis\":100}}";
                case 2 -> "{\"type\":\"demo.greet\",\"priority\":\"critical\",\"payload\":{\"name\":\"Critical " + i + "\"}}";
                default -> "{\"type\":\"demo.greet\",\"orderingKey\":\"customer-" + (i % 7) + "\",\"payload\":{\"name\":\"Guest " + i + "\"}}";
            };
            var response = publish(body);
            Matcher m = ID.matcher(response.body());
            if (response.statusCode() == 202 && m.find()) {
                ids.add(m.group(1));
            } else {
                System.out.println("demo: publish answered " + response.statusCode() + ": " + response.body());
            }
        }
        if (ids.isEmpty()) {
            System.out.println("demo: nothing was accepted; see the router's log in .laneway-run/logs");
            return;
        }
        System.out.println("demo: published " + ids.size() + " messages; following their status ...");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String id : ids) {
                counts.merge(messageStatus(id), 1, Integer::sum);
            }
            System.out.println("demo: " + counts);
            if (counts.getOrDefault("COMPLETED", 0) == ids.size()) {
                System.out.println("demo: all " + ids.size() + " messages COMPLETED");
                return;
            }
            Thread.sleep(1000); // progress display cadence, not synchronisation
        }
        System.out.println("demo: deadline passed before every message completed");
    }

    /**
     * Places three orders through the router, two for products in stock and one for the sold-out product, and follows
     * each saga to its outcome in the projection's order view. Returns each order's last status (COMPLETED or CANCELLED
     * once decided; PLACED or a step's status if the deadline passed first).
     */
    Map<String, String> placeOrders(Duration timeout) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("demo-order-" + run + "-1", DemoCatalog.IN_STOCK);
        lines.put("demo-order-" + run + "-2", "demo-mug");
        lines.put("demo-order-" + run + "-3", DemoCatalog.SOLD_OUT);
        for (var order : lines.entrySet()) {
            var response = publish(DemoCatalog.placeOrder(order.getKey(), order.getValue(), 2));
            if (response.statusCode() != 202) {
                System.out.println("demo: placing order " + order.getKey() + " answered " + response.statusCode() + ": " + response.body());
            }
        }
        System.out.println("demo: placed " + lines.size() + " orders (2 x " + String.join(", 2 x ", lines.values())
                + "); following their sagas ...");
        Map<String, String> statuses = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            lines.keySet().forEach(id -> statuses.put(id, orderStatus(id)));
            if (statuses.values().stream().allMatch(s -> s.equals("COMPLETED") || s.equals("CANCELLED"))) {
                break;
            }
            Thread.sleep(500); // progress display cadence, not synchronisation
        } while (System.nanoTime() < deadline);
        statuses.forEach((id, status) -> System.out.println("demo: order " + id + " (" + lines.get(id) + "): " + status
                + "   " + projectionUrl + "/v1/orders/" + id));
        return statuses;
    }

    private HttpResponse<String> publish(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(routerUrl + "/v1/messages"))
                .header("Content-Type", "application/json").header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String orderStatus(String orderId) {
        return status(projectionUrl + "/v1/orders/" + orderId);
    }

    private String messageStatus(String id) {
        return status(projectionUrl + "/v1/messages/" + id);
    }

    private String status(String url) {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", apiKey).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = STATUS.matcher(response.body());
            return response.statusCode() == 200 && m.find() ? m.group(1) : "UNKNOWN";
        } catch (Exception e) {
            return "UNREACHABLE";
        }
    }
}
