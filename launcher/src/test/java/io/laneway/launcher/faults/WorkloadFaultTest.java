package io.laneway.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Lane;
import io.laneway.infra.Await;
import io.laneway.infra.ChildProcess;
import io.laneway.infra.FreePorts;
import io.laneway.infra.LocalInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * Faults that arrive with the work itself, on the shared infrastructure and a pool JVM: 1% poison envelopes in a
 * steady stream, and a downstream whose latency spikes until the circuit breaker opens. Each ends with the
 * nothing-lost report.
 */
class WorkloadFaultTest {

    private static final Path RUN_DIR = Path.of("target", "workload-faults").toAbsolutePath();

    private final LocalInfrastructure infra = LocalInfrastructure.shared();

    @Test
    void onePercentPoisonIsDeadLetteredWhileEverythingElseCompletesOnce() throws Exception {
        infra.kafka().createTopics(Topics.all());
        String database = "fault_poison";
        Map<String, String> properties = infra.springProperties(database);
        int envelopes = 5_000;
        List<String> ids = EnvelopeFeed.newIds(envelopes);
        // every 100th is poison, of three kinds: a payload of the wrong shape, one that is not JSON at all, and one whose
        // handler throws an Error (retried, then dead-lettered; its key and partition must move on meanwhile)
        EnvelopeFeed.Work good = new EnvelopeFeed.Work("demo.work", "{\"millis\":2}");
        EnvelopeFeed.Work wrongShape = new EnvelopeFeed.Work("demo.work", "{\"millis\":\"poison\"}");
        EnvelopeFeed.Work notJson = new EnvelopeFeed.Work("demo.work", "{\"millis\": 2");
        EnvelopeFeed.Work throwsError = new EnvelopeFeed.Work("demo.work", "{\"millis\":2,\"failWith\":\"error\"}");
        int poison = envelopes / 100;
        var feed = new EnvelopeFeed(infra.kafkaBootstrapServers(), infra.schemaRegistryUrl());
        try (ChildProcess pool = PoolProcess.start("poison", FreePorts.next(), properties, RUN_DIR, PoolProcess.groupsStartingNow(infra.kafkaBootstrapServers(), database))) {
            feed.publish(Topics.LANE_FAST, Lane.FAST, ids, "poison", 300,
                    i -> i % 100 != 99 ? good : switch ((i / 100) % 3) {
                        case 0 -> wrongShape;
                        case 1 -> notJson;
                        default -> throwsError;
                    }, Duration.ofSeconds(10));
            assertThat(feed.sendFailures()).isZero();
            var report = new NothingLost(infra.kafkaBootstrapServers(), infra.schemaRegistryUrl(), properties)
                    .awaitReport("1% poison", ids, Duration.ofSeconds(120));
            assertThat(report.lost()).as(report.toString()).isZero();
            assertThat(report.duplicated()).as(report.toString()).isZero();
            assertThat(report.deadLettered()).as("exactly the poison is dead-lettered: " + report).isEqualTo(poison);
            assertThat(report.completed()).as(report.toString()).isEqualTo(envelopes - poison);
        }
    }

    @Test
    void aDownstreamLatencySpikeOpensTheBreakerAndLosesNothing() throws Exception {
        infra.kafka().createTopics(Topics.all());
        String database = "fault_spike";
        Map<String, String> properties = infra.springProperties(database);
        AtomicLong latencyMillis = new AtomicLong(5);
        HttpServer downstream = HttpServer.create(new InetSocketAddress("127.0.0.1", FreePorts.next()), 0);
        downstream.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        downstream.createContext("/", exchange -> {
            try {
                Thread.sleep(latencyMillis.get()); // the downstream's simulated latency
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        downstream.start();
        int envelopes = 3_000;
        List<String> ids = EnvelopeFeed.newIds(envelopes);
        var feed = new EnvelopeFeed(infra.kafkaBootstrapServers(), infra.schemaRegistryUrl());
        int port = FreePorts.next();
        String breaker = "resilience4j.circuitbreaker.instances.demo-downstream.";
        try (ChildProcess pool = PoolProcess.start("spike", port, properties, RUN_DIR, PoolProcess.groupsStartingNow(infra.kafkaBootstrapServers(), database),
                "--laneway.pool.examples.downstream-url=http://127.0.0.1:" + downstream.getAddress().getPort(),
                // a call slower than 300 ms counts as slow; half of the last 10 slow opens the breaker
                "--" + breaker + "slow-call-duration-threshold=300ms", "--" + breaker + "slow-call-rate-threshold=50",
                "--" + breaker + "sliding-window-size=10", "--" + breaker + "minimum-number-of-calls=10",
                "--" + breaker + "wait-duration-in-open-state=2s")) {
            Thread publisher = feed.publishInBackground(Topics.LANE_FAST, Lane.FAST, ids, "spike", 200,
                    i -> new EnvelopeFeed.Work("demo.call", "{\"path\":\"/work\"}"), Duration.ofSeconds(15));
            Await.until("the pool part-way through", Duration.ofSeconds(120),
                    () -> processed(port) >= envelopes / 10);
            latencyMillis.set(1_500); // the spike
            Await.until("the demo-downstream breaker to open", Duration.ofSeconds(60), () -> breakerState(port, "open") == 1);
            latencyMillis.set(5); // the downstream recovers; half-open trials close the breaker again
            publisher.join();
            assertThat(feed.sendFailures()).isZero();
            var report = new NothingLost(infra.kafkaBootstrapServers(), infra.schemaRegistryUrl(), properties)
                    .awaitReport("downstream latency spike", ids, Duration.ofSeconds(120));
            assertThat(report.lost()).as(report.toString()).isZero();
            assertThat(report.duplicated()).as(report.toString()).isZero();
            assertThat(report.deadLettered()).as("slow is not failed: " + report).isZero();
            Await.until("the breaker closed again", Duration.ofSeconds(30), () -> breakerState(port, "closed") == 1);
        } finally {
            downstream.stop(0);
        }
    }

    private static double processed(int port) {
        return PoolProcess.sample(PoolProcess.metrics(port), "laneway_pool_envelopes_total", "outcome=\"processed\"");
    }

    private static double breakerState(int port, String state) {
        return PoolProcess.sample(PoolProcess.metrics(port), "resilience4j_circuitbreaker_state", "name=\"demo-downstream\"",
                "state=\"" + state + "\"");
    }
}
