package io.laneway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.laneway.infra.Await;
import io.laneway.infra.ChildProcess;
import io.laneway.infra.FreePorts;
import io.laneway.launcher.Platform;
import io.laneway.launcher.ServicePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every query of every dashboard panel, and every alert expression, run against a real Prometheus that scraped the
 * real platform (the four service jars on real Kafka, PostgreSQL and Apicurio) under a short mixed load: orders
 * (some declined), plain messages, requests the router refuses, and a type whose downstream fails (errors, retries,
 * an open circuit, dead letters). A syntax error, a misspelt metric or label, or a metric the platform does not
 * export leaves a panel empty and fails the test with the panel's name.
 */
class DashboardQueriesTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static HttpServer failingDownstream;
    private static Platform platform;
    private static ChildProcess prometheus;
    private static int prometheusPort;

    @BeforeAll
    static void platformUnderLoadScrapedByPrometheus() throws Exception {
        failingDownstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failingDownstream.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        failingDownstream.start();
        Path runDir = Path.of("target", "dashboards-run").toAbsolutePath();
        platform = Platform.start(ServicePorts.random(), Repository.root(), runDir, Map.of(
                "router-service", List.of(
                        "--laneway.router.types[demo.call].default-priority=NORMAL",
                        "--laneway.router.types[demo.call].cost-class=COMPUTE_INTENSIVE", // heavy lane: its open circuit pauses only that lane
                        "--laneway.router.types[demo.call].expected-duration=20ms",
                        "--laneway.router.types[demo.call].max-attempts=2"),
                "consumer-pool-service", List.of(
                        "--laneway.pool.examples.downstream-url=http://127.0.0.1:" + failingDownstream.getAddress().getPort(),
                        "--laneway.pool.examples.payment-gateway.decline-rate=0.2")));
        prometheus = startPrometheus(runDir);
        load();
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (platform != null) {
            platform.close();
        }
        if (failingDownstream != null) {
            failingDownstream.stop(0);
        }
    }

    @Test
    void everyPanelOfEveryDashboardReturnsData() throws Exception {
        Map<String, String> queries = new TreeMap<>();
        for (Path dashboard : DashboardsTest.dashboards()) {
            Map<String, Object> json = JSON.unmarshal(Files.readString(dashboard), Map.class);
            for (Object p : (List<?>) json.get("panels")) {
                Map<?, ?> panel = (Map<?, ?>) p;
                for (Object t : (List<?>) panel.get("targets")) {
                    // the namespace, job and lane variables at "All", as Grafana sends them
                    queries.put(dashboard.getFileName() + " / " + panel.get("title") + " / " + ((Map<?, ?>) t).get("refId"),
                            ((Map<?, ?>) t).get("expr").toString().replace("$namespace", ".*").replace("$job", ".*").replace("$lane", ".*"));
                }
            }
        }
        assertThat(queries).hasSizeGreaterThan(25);
        awaitAllAnswer(queries);
    }

    @Test
    void everyAlertExpressionIsValidAndItsMetricsExist() throws Exception {
        Map<String, Object> rules = new org.yaml.snakeyaml.Yaml().load(Files.readString(Repository.chart().resolve("alerts/laneway-rules.yml")));
        Map<String, String> queries = new TreeMap<>();
        for (Object g : (List<?>) rules.get("groups")) {
            for (Object r : (List<?>) ((Map<?, ?>) g).get("rules")) {
                Map<?, ?> rule = (Map<?, ?>) r;
                // the alert's metric selectors on their own: they must exist even when the alert (rightly) does not fire
                String expr = rule.get("expr").toString();
                for (String metric : metricsIn(expr)) {
                    queries.put(rule.get("alert") + " / " + metric, "count(" + metric + ")");
                }
                assertThat(query(expr).get("status")).as(rule.get("alert") + " evaluates").isEqualTo("success");
            }
        }
        awaitAllAnswer(queries);
    }

    private static void awaitAllAnswer(Map<String, String> queries) {
        Map<String, String> empty = new TreeMap<>(queries);
        try {
            Await.until("every query to return data", Duration.ofSeconds(150), () -> {
                empty.entrySet().removeIf(q -> hasData(q.getValue()));
                return empty.isEmpty();
            });
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("queries still without data: " + empty, e);
        }
    }

    private static boolean hasData(String expr) {
        Map<String, Object> answer = query(expr);
        if (!"success".equals(answer.get("status"))) {
            throw new AssertionError("Prometheus refused " + expr + ": " + answer);
        }
        return !((List<?>) ((Map<?, ?>) answer.get("data")).get("result")).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> query(String expr) {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prometheusPort + "/api/v1/query?query="
                    + URLEncoder.encode(expr, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.unmarshal(response.body(), Map.class);
        } catch (Exception e) {
            throw new IllegalStateException("query " + expr, e);
        }
    }

    private static List<String> metricsIn(String expr) {
        List<String> metrics = new ArrayList<>();
        var matcher = java.util.regex.Pattern.compile("\\b((?:laneway|resilience4j)_[a-z0-9_]+)").matcher(expr);
        while (matcher.find()) {
            metrics.add(matcher.group(1));
        }
        return metrics;
    }

    private static ChildProcess startPrometheus(Path runDir) throws Exception {
        prometheusPort = FreePorts.next();
        ServicePorts ports = platform.ports();
        Path config = runDir.resolve("prometheus.yml");
        Files.createDirectories(runDir);
        Files.writeString(config, """
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                scrape_configs:
                  - job_name: laneway
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: ["127.0.0.1:%d", "127.0.0.1:%d", "127.0.0.1:%d", "127.0.0.1:%d"]
                """.formatted(ports.router(), ports.pool(), ports.saga(), ports.projection()));
        Path data = runDir.resolve("prometheus-data-" + System.nanoTime());
        ChildProcess process = ChildProcess.start("prometheus", List.of("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + prometheusPort), runDir, runDir.resolve("prometheus.log"));
        process.awaitReady(Duration.ofSeconds(60), () -> {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prometheusPort + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        return process;
    }

    /** Orders (20% declined, 5% for a sold-out product), plain messages, refused requests, a failing downstream, status queries. */
    private static void load() throws Exception {
        try (Connection db = DriverManager.getConnection(datasource("spring.datasource.url"), datasource("spring.datasource.username"),
                datasource("spring.datasource.password"))) {
            Await.until("the pool's tables", Duration.ofSeconds(60), () -> {
                try (var rs = db.createStatement().executeQuery("select count(*) from stock")) {
                    return rs.next();
                } catch (Exception e) {
                    return false;
                }
            });
            db.createStatement().executeUpdate("insert into stock (sku, available) values ('sku-a', 100000), ('sold-out', 0)");
        }
        StringBuilder orders = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < 100; i++) {
            orders.append(i == 0 ? "" : ",").append("{\"type\":\"order.place\",\"payload\":{\"orderId\":\"o-").append(UUID.randomUUID())
                    .append("\",\"customerId\":\"c-1\",\"lines\":[{\"sku\":\"").append(i % 20 == 0 ? "sold-out" : "sku-a")
                    .append("\",\"quantity\":1,\"unitPriceCents\":250}]}}");
        }
        assertThat(post("/v1/messages:batch", orders.append("]}").toString()).statusCode()).isEqualTo(202);
        StringBuilder messages = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < 200; i++) {
            messages.append(i == 0 ? "" : ",").append("{\"type\":\"demo.greet\",\"payload\":{\"name\":\"n").append(i).append("\"}}");
        }
        assertThat(post("/v1/messages:batch", messages.append("]}").toString()).statusCode()).isEqualTo(202);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            var accepted = post("/v1/messages", "{\"type\":\"demo.call\",\"payload\":{\"path\":\"/x\"}}");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            ids.add(JSON.unmarshal(accepted.body(), Map.class).get("id").toString());
        }
        for (int i = 0; i < 10; i++) {
            assertThat(post("/v1/messages", "{\"type\":\"no.such.type\",\"payload\":{}}").statusCode()).isEqualTo(422);
            assertThat(post("/v1/messages", "{not json").statusCode()).isEqualTo(400);
        }
        for (String id : ids) {
            HTTP.send(HttpRequest.newBuilder(URI.create(platform.projectionUrl() + "/v1/messages/" + id))
                            .header("X-API-Key", platform.apiKey()).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.routerUrl() + path)).header("Content-Type", "application/json")
                .header("X-API-Key", platform.apiKey()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String datasource(String key) {
        return platform.infrastructure().datasourceProperties(Platform.POOL_DATABASE).get(key);
    }
}
