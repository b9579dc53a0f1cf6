package io.laneway.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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
 * Pool faults with the nothing-lost check: kill -9 of the pool's JVM in the middle of 10,000 envelopes, then a
 * restart; a second instance joining and then leaving (two rebalances) while load, some of it slow, keeps arriving; a
 * long-running job killed mid-way resuming from its checkpoint.
 */
class PoolCrashTest {

    private static final int ENVELOPES = 10_000;
    private static final Path RUN_DIR = Path.of("target", "crash-run").toAbsolutePath();
    private static final EnvelopeFeed.Work WORK = new EnvelopeFeed.Work("demo.work", "{\"millis\":3}");
    private static final EnvelopeFeed.Work SLOW_WORK = new EnvelopeFeed.Work("demo.work", "{\"millis\":400}");

    private final LocalInfrastructure infra = LocalInfrastructure.shared();

    @Test
    void aKilledPoolLosesNothingAndDuplicatesNothing() throws Exception {
        infra.kafka().createTopics(Topics.all());
        String database = "fault_kill";
        Map<String, String> properties = infra.springProperties(database);
        String[] group = {PoolProcess.groupsStartingNow(infra.kafkaBootstrapServers(), database)};
        List<String> ids = EnvelopeFeed.newIds(ENVELOPES);
        var feed = new EnvelopeFeed(infra.kafkaBootstrapServers(), infra.schemaRegistryUrl());
        feed.publish(Topics.LANE_FAST, Lane.FAST, ids, "crash", 500, i -> WORK, Duration.ZERO);
        var check = new NothingLost(infra.kafkaBootstrapServers(), infra.schemaRegistryUrl(), properties);

        ChildProcess first = PoolProcess.start("kill-first", FreePorts.next(), properties, RUN_DIR, group);
        Await.until("the pool to be part-way through", Duration.ofSeconds(120), () -> check.effects(ids) >= ENVELOPES / 10);
        ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly(); // SIGKILL: no shutdown hook, no drain
        Await.until("the killed pool to be gone", Duration.ofSeconds(30), () -> !first.isAlive());
        assertThat(check.effects(ids)).as("killed mid-way, not after the end").isLessThan(ENVELOPES);

        try (ChildProcess second = PoolProcess.start("kill-second", FreePorts.next(), properties, RUN_DIR, group)) {
            var report = check.awaitReport("kill -9 of the pool mid-batch", ids, Duration.ofSeconds(180));
            assertThat(report.lost()).as(report.toString()).isZero();
            assertThat(report.duplicated()).as(report.toString()).isZero();
            assertThat(report.completed()).as(report.toString()).isEqualTo(ENVELOPES);
        }
    }

    @Test
    void poolInstancesJoiningAndLeavingUnderLoadLoseNothingAndDuplicateNothing() throws Exception {
        infra.kafka().createTopics(Topics.all());
        String database = "fault_rebalance";
        Map<String, String> properties = infra.springProperties(database);
        String[] group = {PoolProcess.groupsStartingNow(infra.kafkaBootstrapServers(), database)};
        List<String> ids = EnvelopeFeed.newIds(ENVELOPES);
        var feed = new EnvelopeFeed(infra.kafkaBootstrapServers(), infra.schemaRegistryUrl());
        var check = new NothingLost(infra.kafkaBootstrapServers(), infra.schemaRegistryUrl(), properties);

        try (ChildProcess first = PoolProcess.start("rebalance-first", FreePorts.next(), properties, RUN_DIR, group)) {
            // load keeps arriving (10,000 over ~30 s) while instances join and leave; every 20th envelope is slow (a 400 ms
            // downstream), so slow handlers are running at each rebalance and each revocation must wait for them
            Thread publisher = feed.publishInBackground(Topics.LANE_FAST, Lane.FAST, ids, "rebalance", 500,
                    i -> i % 20 == 0 ? SLOW_WORK : WORK, Duration.ofSeconds(30));
            Await.until("the first instance part-way through", Duration.ofSeconds(120), () -> check.effects(ids) >= ENVELOPES / 10);
            int secondPort = FreePorts.next();
            try (ChildProcess second = PoolProcess.start("rebalance-second", secondPort, properties, RUN_DIR, group)) { // a rebalance
                Await.until("the second instance to take a share of the work", Duration.ofSeconds(120),
                        () -> PoolProcess.sample(PoolProcess.metrics(secondPort), "laneway_pool_envelopes_total", "lane=\"fast\"",
                                "outcome=\"processed\"") > 0);
            } // closing is SIGTERM: the second leaves the group (another rebalance) while envelopes are still waiting
            assertThat(check.effects(ids)).as("it left before the end").isLessThan(ENVELOPES);
            publisher.join();
            assertThat(feed.sendFailures()).isZero();

            var report = check.awaitReport("pool instances joining and leaving under load", ids, Duration.ofSeconds(180));
            assertThat(report.lost()).as(report.toString()).isZero();
            assertThat(report.duplicated()).as(report.toString()).isZero();
            assertThat(report.completed()).as(report.toString()).isEqualTo(ENVELOPES);
        }
    }

    @Test
    void aLongRunningJobKilledMidwayResumesFromItsCheckpoint() throws Exception {
        infra.kafka().createTopics(Topics.all());
        String database = "fault_long_running";
        Map<String, String> properties = infra.springProperties(database);
        String[] group = {PoolProcess.groupsStartingNow(infra.kafkaBootstrapServers(), database)};
        String id = EnvelopeFeed.newIds(1).getFirst();
        ChildProcess first = PoolProcess.start("long-first", FreePorts.next(), properties, RUN_DIR, group);
        new EnvelopeFeed(infra.kafkaBootstrapServers(), infra.schemaRegistryUrl()).publish(Topics.LANE_LONG_RUNNING, Lane.LONG_RUNNING,
                List.of(id), "transcode", 1,
                i -> new EnvelopeFeed.Work("video.transcode", "{\"videoId\":\"v-crash\",\"segments\":20,\"segmentMillis\":300}"),
                Duration.ZERO);

        Await.until("a quarter of the job checkpointed", Duration.ofSeconds(120),
                () -> query(properties, "select coalesce(max(percent_done), 0) from job_checkpoint where message_id = '" + id + "'") >= 25);
        ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();
        Await.until("the killed pool to be gone", Duration.ofSeconds(30), () -> !first.isAlive());
        long segmentsDoneAtKill = query(properties, "select coalesce(max(state::int), 0) from job_checkpoint where message_id = '" + id + "'");
        assertThat(segmentsDoneAtKill).as("killed mid-way").isBetween(5L, 19L);
        assertThat(query(properties, "select count(*) from demo_transcode where message_id = '" + id + "'")).isZero();

        try (ChildProcess second = PoolProcess.start("long-second", FreePorts.next(), properties, RUN_DIR, group)) {
            Await.until("the job to finish after the restart", Duration.ofSeconds(180),
                    () -> query(properties, "select count(*) from demo_transcode where message_id = '" + id + "'") >= 1);
            assertThat(query(properties, "select count(*) from demo_transcode where message_id = '" + id + "'")).isEqualTo(1);
            assertThat(query(properties, "select resumed_from from demo_transcode where message_id = '" + id + "'"))
                    .as("resumed from the checkpoint, not from zero").isGreaterThanOrEqualTo(segmentsDoneAtKill);
            assertThat(query(properties, "select count(*) from job_checkpoint where message_id = '" + id + "'"))
                    .as("the finished job deleted its checkpoint").isZero();
        }
    }

    private static long query(Map<String, String> ds, String sql) {
        try (Connection c = DriverManager.getConnection(ds.get("spring.datasource.url"), ds.get("spring.datasource.username"),
                ds.get("spring.datasource.password")); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1; // table not there yet (the pool's migrations run at its start)
        }
    }
}
