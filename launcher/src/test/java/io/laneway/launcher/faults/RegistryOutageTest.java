package io.laneway.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Lane;
import io.laneway.infra.Await;
import io.laneway.infra.ChildProcess;
import io.laneway.infra.FreePorts;
import io.laneway.infra.KafkaBrokerProcess;
import io.laneway.infra.LocalPostgres;
import io.laneway.infra.LocalSchemaRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema registry hangs (its process stopped, as a wedged JVM or a partitioned host looks) for longer than the
 * envelopes' whole retry budget, and the pool restarts inside the outage, so it has no schema cached. Valid work must
 * wait for the registry, not be dead-lettered as undecodable: afterwards every envelope completed exactly once. The
 * registry, broker and database are this test's own processes (stopping the JVM-wide shared ones would break others).
 */
class RegistryOutageTest {

    private static final int ENVELOPES = 300;
    /** Longer than the envelopes' retry budget (3 attempts, seconds apart): none may be spent on the registry's absence. */
    private static final Duration OUTAGE = Duration.ofSeconds(50);
    private static final EnvelopeFeed.Work WORK = new EnvelopeFeed.Work("demo.work", "{\"millis\":1}");
    private static final Path RUN_DIR = Path.of("target", "registry-outage-run").toAbsolutePath();
    private static final String DATABASE = "outage_registry";

    private static LocalSchemaRegistry registry;
    private static KafkaBrokerProcess broker;
    private static LocalPostgres postgres;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void ownRegistryBrokerAndDatabase() {
        registry = LocalSchemaRegistry.start(FreePorts.next(), FreePorts.next(), RUN_DIR);
        broker = KafkaBrokerProcess.start(FreePorts.next(), RUN_DIR.resolve("kafka-" + ProcessHandle.current().pid()));
        broker.createTopics(Topics.all());
        postgres = LocalPostgres.start(FreePorts.next(), RUN_DIR);
    }

    @AfterAll
    static void stopThem() {
        if (registry != null) {
            signal("CONT", registry.pid());
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aHungRegistryWithAPoolRestartInsideTheOutageDeadLettersNothingAndLosesNothing() throws Exception {
        postgres.createDatabase(DATABASE);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        properties.put("laneway.schema-registry.url", registry.confluentApiUrl());
        properties.put("spring.datasource.url", postgres.jdbcUrl(DATABASE));
        properties.put("spring.datasource.username", LocalPostgres.USER);
        properties.put("spring.datasource.password", LocalPostgres.PASSWORD);
        var feed = new EnvelopeFeed(broker.bootstrapServers(), registry.confluentApiUrl());
        var check = new NothingLost(broker.bootstrapServers(), registry.confluentApiUrl(), properties);
        List<String> before = EnvelopeFeed.newIds(ENVELOPES);
        List<String> during = EnvelopeFeed.newIds(ENVELOPES);

        int first = FreePorts.next();
        try (ChildProcess pool = PoolProcess.start(DATABASE + "-1", first, properties, RUN_DIR, "--laneway.pool.group-prefix=" + DATABASE)) {
            feed.publish(Topics.LANE_FAST, Lane.FAST, before, DATABASE, 50, i -> WORK, Duration.ofSeconds(2));
            Await.until("the first pool through the first envelopes", Duration.ofSeconds(120), () -> PoolProcess.sample(
                    PoolProcess.metrics(first), "laneway_pool_envelopes_total", "outcome=\"processed\"") >= ENVELOPES);
        }
        feed.publish(Topics.LANE_FAST, Lane.FAST, during, DATABASE, 50, i -> WORK, Duration.ofSeconds(1)); // waiting for the pool

        long hung = System.nanoTime();
        signal("STOP", registry.pid());
        int second = FreePorts.next();
        try (ChildProcess pool = PoolProcess.start(DATABASE + "-2", second, properties, RUN_DIR, "--laneway.pool.group-prefix=" + DATABASE)) {
            try {
                Await.until("the restarted pool's schema-registry breaker to open", OUTAGE, () -> PoolProcess.sample(
                        PoolProcess.metrics(second), "resilience4j_circuitbreaker_state", "name=\"schema-registry\"", "state=\"open\"") == 1);
                assertThat(readiness(second)).as("a pool that cannot decode its records is not ready").isEqualTo(503);
                long rest = OUTAGE.toMillis() - (System.nanoTime() - hung) / 1_000_000;
                if (rest > 0) {
                    Thread.sleep(rest); // the outage itself: the fault this scenario injects, not a wait for a condition
                }
            } finally {
                signal("CONT", registry.pid());
            }
            List<String> all = new ArrayList<>(before);
            all.addAll(during);
            NothingLost.Report report = check.awaitReport("registry hung, pool restarted inside", all, Duration.ofSeconds(180));
            assertThat(report.lost()).as(report.toString()).isZero();
            assertThat(report.duplicated()).as(report.toString()).isZero();
            assertThat(report.deadLettered()).as("an outage is not the envelopes' fault: " + report).isZero();
            Await.until("the restarted pool ready again", Duration.ofSeconds(30), () -> readiness(second) == 200);
        }
    }

    private int readiness(int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** kill -STOP / -CONT: the registry hangs without losing what it stores (it keeps schemas in memory). */
    private static void signal(String signal, long pid) {
        try {
            int exit = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start().waitFor();
            assertThat(exit).as("kill -" + signal + " " + pid).isZero();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
