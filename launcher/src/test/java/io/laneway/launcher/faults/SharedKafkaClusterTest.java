package io.laneway.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Lane;
import io.laneway.infra.ChildProcess;
import io.laneway.infra.FreePorts;
import io.laneway.infra.LocalInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * Two Laneway deployments (their own databases and consumer groups) on one Kafka cluster must not disturb each
 * other's outbox relay. Deployment B first processes with its relay switched off, so its outbox holds rows whose ids
 * (1, 2, ...) are the same numbers deployment A has just published. When B's relay starts, it must publish all of
 * them: a relay that took A's last published batch for its own deleted B's rows unpublished.
 */
class SharedKafkaClusterTest {

    private static final Path RUN_DIR = Path.of("target", "shared-cluster").toAbsolutePath();
    private static final EnvelopeFeed.Work WORK = new EnvelopeFeed.Work("demo.work", "{\"millis\":1}");

    private final LocalInfrastructure infra = LocalInfrastructure.shared();

    @Test
    void aSecondDeploymentsRelayPublishesEveryOneOfItsOwnRows() throws Exception {
        infra.kafka().createTopics(Topics.all());
        var feed = new EnvelopeFeed(infra.kafkaBootstrapServers(), infra.schemaRegistryUrl());

        Map<String, String> a = infra.springProperties("shared_cluster_a");
        List<String> idsA = EnvelopeFeed.newIds(200);
        try (ChildProcess poolA = PoolProcess.start("deployment-a", FreePorts.next(), a, RUN_DIR, PoolProcess.groupsStartingNow(infra.kafkaBootstrapServers(), "deployment-a"))) {
            feed.publish(Topics.LANE_FAST, Lane.FAST, idsA, "a", 50, i -> WORK, Duration.ZERO);
            var reportA = new NothingLost(infra.kafkaBootstrapServers(), infra.schemaRegistryUrl(), a)
                    .awaitReport("deployment A on a shared cluster", idsA, Duration.ofSeconds(120));
            assertThat(reportA.lost()).as(reportA.toString()).isZero();
        }

        Map<String, String> b = infra.springProperties("shared_cluster_b");
        String groupB = PoolProcess.groupsStartingNow(infra.kafkaBootstrapServers(), "deployment-b");
        List<String> idsB = EnvelopeFeed.newIds(200);
        var checkB = new NothingLost(infra.kafkaBootstrapServers(), infra.schemaRegistryUrl(), b);
        try (ChildProcess poolB = PoolProcess.start("deployment-b-no-relay", FreePorts.next(), b, RUN_DIR,
                groupB, "--laneway.pool.outbox.relay-enabled=false")) {
            feed.publish(Topics.LANE_FAST, Lane.FAST, idsB, "b", 50, i -> WORK, Duration.ZERO);
            io.laneway.infra.Await.until("B's effects, with its outbox rows left in the table", Duration.ofSeconds(120),
                    () -> checkB.effects(idsB) == idsB.size());
        }
        try (ChildProcess poolB = PoolProcess.start("deployment-b", FreePorts.next(), b, RUN_DIR, groupB)) {
            var reportB = checkB.awaitReport("deployment B's relay after A's on a shared cluster", idsB, Duration.ofSeconds(60));
            assertThat(reportB.lost()).as(reportB.toString()).isZero();
            assertThat(reportB.duplicated()).as(reportB.toString()).isZero();
        }
    }
}
