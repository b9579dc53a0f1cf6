package io.laneway.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import io.laneway.infra.LocalPostgres;

/**
 * {@code ./laneway [--demo]}: the whole platform on this machine, until Ctrl-C.
 * Everything is ephemeral (fresh broker, database and registry per run) and binds 127.0.0.1 only.
 */
public final class LanewayLauncher {

    private LanewayLauncher() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        if (options.contains("--help")) {
            System.out.println("usage: ./laneway [--demo]   (--demo publishes sample messages and three orders and follows them to their outcome)");
            return;
        }
        Path root = repositoryRoot();
        Path runDir = root.resolve(".laneway-run");
        System.out.println("Starting Laneway (logs in " + runDir.resolve("logs") + ") ...");
        long started = System.nanoTime();
        Platform platform = Platform.start(ServicePorts.defaults(), root, runDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Laneway ...");
            platform.close();
            System.out.println("Stopped. No process left behind.");
            stopped.countDown();
        }, "laneway-shutdown"));
        DemoCatalog.stock(platform.infrastructure().postgres().jdbcUrl(Platform.POOL_DATABASE), LocalPostgres.USER, LocalPostgres.PASSWORD);
        printWhereEverythingListens(platform, (System.nanoTime() - started) / 1_000_000);
        if (options.contains("--demo")) {
            DemoTraffic demo = new DemoTraffic(platform.routerUrl(), platform.projectionUrl(), platform.apiKey());
            demo.run(60);
            demo.placeOrders(Duration.ofSeconds(60));
        }
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    private static void printWhereEverythingListens(Platform platform, long millis) {
        var p = platform.ports();
        var infra = platform.infrastructure();
        System.out.printf("""

                Laneway is up in %d ms. Everything listens on 127.0.0.1:
                  Operator console       http://127.0.0.1:%d/console/   (find a message or order, dead letters, lanes; use the API key below)
                  router-service         http://127.0.0.1:%d   POST /v1/messages
                  consumer-pool-service  http://127.0.0.1:%d   /v1/dead-letters, /v1/lanes (scope admin)
                  saga-orchestrator      http://127.0.0.1:%d   /actuator/health
                  projection-service     http://127.0.0.1:%d   GET /v1/messages/{id}, /v1/orders/{id}, /v1/products/{id}/sales, /v1/lanes/stats
                  invoicing-service      http://127.0.0.1:%d   a team's own service on the pool starter (examples/)
                  Kafka (KRaft)          %s
                  PostgreSQL 17          %s (user postgres / postgres)
                  Schema registry        %s   (Confluent API; Apicurio %s)
                  Prometheus metrics     /actuator/prometheus on each service
                  API key (this run)     %s   (client "local": publishes, reads views, operates dead letters)

                Try:
                  curl -s -XPOST http://127.0.0.1:%d/v1/messages -H 'Content-Type: application/json' \\
                       -H 'X-API-Key: %s' -d '{"type":"demo.greet","priority":"high","payload":{"name":"Ada"}}'
                  curl -s http://127.0.0.1:%d/v1/messages/<id> -H 'X-API-Key: %s'

                An order (the saga: stock, payment, shipping), for a product of the demo stock (%s):
                  curl -s -XPOST http://127.0.0.1:%d/v1/messages -H 'Content-Type: application/json' \\
                       -H 'X-API-Key: %s' -d '%s'
                  curl -s http://127.0.0.1:%d/v1/orders/order-1 -H 'X-API-Key: %s'

                The team service's own type (handled by invoicing-service, on its own lanes):
                  curl -s -XPOST http://127.0.0.1:%d/v1/messages -H 'Content-Type: application/json' -H 'X-API-Key: %s' \\
                       -d '{"type":"invoicing.issue","payload":{"invoiceId":"inv-1","customer":"acme","amountCents":1250,"currency":"EUR"}}'

                """, millis, p.projection(), p.router(), p.pool(), p.saga(), p.projection(), p.invoicing(), infra.kafkaBootstrapServers(),
                infra.postgres().jdbcUrl(Platform.POOL_DATABASE), infra.schemaRegistryUrl(), "3.3.3",
                platform.apiKey(), p.router(), platform.apiKey(), p.projection(), platform.apiKey(),
                DemoCatalog.PRODUCTS.stream().map(d -> d.sku() + " " + d.units()).collect(Collectors.joining(", ")),
                p.router(), platform.apiKey(), DemoCatalog.placeOrder("order-1", DemoCatalog.IN_STOCK, 2), p.projection(), platform.apiKey(),
                p.router(), platform.apiKey());
    }

    /** The folder holding the reactor pom and the service modules (the launcher runs from a checkout). */
    static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("laneway.home", "")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("router-service")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("Run the launcher from a Laneway checkout (or set -Dlaneway.home)");
    }
}
