package io.laneway.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Lane;
import io.laneway.infra.Await;
import io.laneway.infra.ChildProcess;
import io.laneway.infra.FreePorts;
import io.laneway.infra.KafkaBrokerProcess;
import io.laneway.infra.LocalInfrastructure;
import io.laneway.infra.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pool's infrastructure fails under load and comes back: the Kafka broker, then PostgreSQL, each stopped for
 * {@link #OUTAGE} while envelopes keep arriving. Both run here as their own processes (stopping the JVM-wide shared
 * ones would break other tests); the registry is the shared one. Afterwards every envelope is accounted for exactly
 * once and none is dead-lettered: an outage is not the envelope's fault.
 */
class InfrastructureOutageTest {

    private static final int ENVELOPES = 6_000;
    private static final Duration FEED = Duration.ofSeconds(20);
    private static final Duration BROKER_OUTAGE = Duration.ofSeconds(10);
    /** Longer than the envelopes' whole retry budget (3 attempts, 5 s connection timeout each): none may be spent. */
    private static final Duration DATABASE_OUTAGE = Duration.ofSeconds(25);
    private static final EnvelopeFeed.Work WORK = new EnvelopeFeed.Work("demo.work", "{\"millis\":3}");

    private static final Path RUN_DIR = Path.of("target", "outage-run").toAbsolutePath();
    private static KafkaBrokerProcess broker;
    private static LocalPostgres postgres;
    private static String registryUrl;

    @BeforeAll
    static void ownBrokerAndDatabase() {
        registryUrl = LocalInfrastructure.shared().schemaRegistryUrl();
        broker = KafkaBrokerProcess.start(FreePorts.next(), RUN_DIR.resolve("kafka-" + ProcessHandle.current().pid()));
        broker.createTopics(Topics.all());
        postgres = LocalPostgres.start(FreePorts.next(), RUN_DIR);
    }

    @AfterAll
    static void stopThem() {
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aBrokerOutageUnderLoadLosesNothingAndDuplicatesNothing() throws Exception {
        var report = underOutage("broker stop/start", "outage_broker", broker::stop, broker::restart, BROKER_OUTAGE, port -> { });
        assertThat(report.lost()).as(report.toString()).isZero();
        assertThat(report.duplicated()).as(report.toString()).isZero();
        assertThat(report.deadLettered()).as("an outage is not the envelopes' fault: " + report).isZero();
    }

    @Test
    void aPostgresOutageUnderLoadLosesNothingAndDuplicatesNothing() throws Exception {
        var report = underOutage("PostgreSQL stop/start", "outage_postgres", postgres::stop, postgres::restart, DATABASE_OUTAGE,
                port -> Await.until("the pool's postgresql circuit breaker to open", DATABASE_OUTAGE,
                        () -> PoolProcess.sample(PoolProcess.metrics(port), "resilience4j_circuitbreaker_state", "name=\"postgresql\"",
                                "state=\"open\"") == 1));
        assertThat(report.lost()).as(report.toString()).isZero();
        assertThat(report.duplicated()).as(report.toString()).isZero();
        assertThat(report.deadLettered()).as("an outage is not the envelopes' fault: " + report).isZero();
    }

    /** @param duringOutage what the pool must show while the part is down (port = the pool's) */
    private NothingLost.Report underOutage(String scenario, String database, Runnable stop, Runnable start, Duration outage,
                                           java.util.function.IntConsumer duringOutage) throws Exception {
        Map<String, String> properties = properties(database);
        int port = FreePorts.next();
        List<String> ids = EnvelopeFeed.newIds(ENVELOPES);
        var feed = new EnvelopeFeed(broker.bootstrapServers(), registryUrl);
        var check = new NothingLost(broker.bootstrapServers(), registryUrl, properties);
        try (ChildProcess pool = PoolProcess.start(database, port, properties, RUN_DIR,
                "--laneway.pool.group-prefix=" + database)) {
            Thread publisher = feed.publishInBackground(Topics.LANE_FAST, Lane.FAST, ids, database, 500, i -> WORK, FEED);
            Await.until("the pool part-way through", Duration.ofSeconds(120),
                    () -> PoolProcess.sample(PoolProcess.metrics(port), "laneway_pool_envelopes_total", "outcome=\"processed\"") >= ENVELOPES / 10);
            long stopped = System.nanoTime();
            stop.run();
            try {
                duringOutage.accept(port);
                long rest = outage.toMillis() - (System.nanoTime() - stopped) / 1_000_000;
                if (rest > 0) {
                    Thread.sleep(rest); // the outage itself: the fault this scenario injects, not a wait for a condition
                }
            } finally {
                start.run();
            }
            publisher.join();
            assertThat(feed.sendFailures()).as("the feed itself lost nothing").isZero();
            NothingLost.Report report = check.awaitReport(scenario, ids, Duration.ofSeconds(180));
            assertThat(pool.isAlive()).as("the pool rode out the outage").isTrue();
            return report;
        }
    }

    private static Map<String, String> properties(String database) {
        postgres.createDatabase(database);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        props.put("laneway.schema-registry.url", registryUrl);
        props.put("spring.datasource.url", postgres.jdbcUrl(database));
        props.put("spring.datasource.username", LocalPostgres.USER);
        props.put("spring.datasource.password", LocalPostgres.PASSWORD);
        return props;
    }
}
