package io.laneway.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Lane;
import io.laneway.infra.Await;
import io.laneway.infra.ChildProcess;
import io.laneway.infra.FreePorts;
import io.laneway.infra.LocalInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay dies at the one moment that could publish twice: its Kafka transaction committed, its rows not yet
 * deleted (a deterministic hook halts the JVM there, as kill -9 would). The next relay must find the batch in its
 * position record, delete the rows without republishing, and go on: every envelope's lifecycle event exactly once.
 */
class RelayCrashTest {

    private static final int ENVELOPES = 2_000;
    private static final Path RUN_DIR = Path.of("target", "relay-crash-run").toAbsolutePath();
    private static final EnvelopeFeed.Work WORK = new EnvelopeFeed.Work("demo.work", "{\"millis\":1}");

    private final LocalInfrastructure infra = LocalInfrastructure.shared();

    @Test
    void aRelayKilledBetweenItsKafkaCommitAndItsRowDeletePublishesNothingTwice() throws Exception {
        infra.kafka().createTopics(Topics.all());
        String database = "fault_relay";
        Map<String, String> properties = infra.springProperties(database);
        String[] group = {PoolProcess.groupsStartingNow(infra.kafkaBootstrapServers(), database)};
        List<String> ids = EnvelopeFeed.newIds(ENVELOPES);
        var check = new NothingLost(infra.kafkaBootstrapServers(), infra.schemaRegistryUrl(), properties);

        ChildProcess first = PoolProcess.start("relay-first", FreePorts.next(), properties, RUN_DIR, group[0],
                "--laneway.pool.outbox.fault.halt-after-commits=3");
        new EnvelopeFeed(infra.kafkaBootstrapServers(), infra.schemaRegistryUrl())
                .publish(Topics.LANE_FAST, Lane.FAST, ids, "relay", 200, i -> WORK, Duration.ZERO);
        Await.until("the relay to halt after its third commit", Duration.ofSeconds(120), () -> !first.isAlive());

        try (ChildProcess second = PoolProcess.start("relay-second", FreePorts.next(), properties, RUN_DIR, group)) {
            var report = check.awaitReport("relay halted between its Kafka commit and its row delete", ids, Duration.ofSeconds(180));
            assertThat(report.lost()).as(report.toString()).isZero();
            assertThat(report.duplicated()).as(report.toString()).isZero();
            assertThat(report.completed()).as(report.toString()).isEqualTo(ENVELOPES);
        }
    }
}
