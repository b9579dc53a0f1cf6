package io.laneway.pool.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.pool.idempotency.IdempotencyRetention;
import io.laneway.pool.support.PoolIntegrationTest;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Checkpoints at the default pace (one written save per second at most): quick work writes none, long work
 * writes some and publishes its progress, a resumed attempt starts from the stored state, a finished job leaves
 * no checkpoint behind, and one left by work that never came back expires. Runs the example
 * {@code video.transcode} handler, which saves after every segment.
 */
class CheckpointPacingTest extends PoolIntegrationTest {

    @Autowired
    BatchProcessor processor;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdempotencyRetention retention;

    @Test
    void quickWorkWritesNoCheckpointAndPublishesNoProgress() {
        Envelope job = transcode(4, 5); // 20 ms in all, four saves
        process(job);

        awaitCompleted(job);
        assertThat(progressOf(job)).as("no save was due within the first second").isEmpty();
        assertThat(readAll(Topics.LIFECYCLE).stream().filter(e -> e.get("messageId").toString().equals(job.getId())).map(e -> String.valueOf(e.get("client"))))
                .as("every lifecycle event names the publisher (the envelope's source)").isNotEmpty().containsOnly("test");
        assertThat(checkpointRows(job)).isZero();
    }

    @Test
    void longWorkSavesAboutOncePerIntervalAndPublishesProgress() {
        Envelope job = transcode(6, 300); // 1.8 s, six saves: the one at >= 1 s is written
        process(job);

        awaitCompleted(job);
        List<Integer> progress = progressOf(job);
        assertThat(progress).as("written saves, each published").isNotEmpty().hasSizeLessThan(6).allMatch(p -> p > 0 && p <= 100);
        assertThat(checkpointRows(job)).as("a finished job deletes its checkpoint with its effects").isZero();
    }

    @Test
    void aResumedAttemptStartsFromTheStoredStateAndClearsIt() {
        Envelope job = transcode(5, 5);
        jdbc.sql("insert into job_checkpoint (message_id, state, percent_done, updated_at) values (?, '3', 60, now())")
                .param(job.getId()).update(); // what a crashed attempt left

        process(job);

        assertThat(jdbc.sql("select resumed_from from demo_transcode where message_id = ?").param(job.getId()).query(Integer.class).single())
                .isEqualTo(3);
        assertThat(checkpointRows(job)).isZero();
    }

    @Test
    void aHandlerThatNeverReadsItsCheckpointStillLeavesNoneBehind() {
        Envelope job = envelope("test.checkpoint-blind", null, "{}");
        jdbc.sql("insert into job_checkpoint (message_id, state, percent_done, updated_at) values (?, 'half', 50, now())")
                .param(job.getId()).update(); // what a crashed attempt left; this attempt's own save is skipped

        process(job);

        assertThat(checkpointRows(job)).isZero();
    }

    @Test
    void checkpointsOfWorkThatNeverCameBackExpireAfterTheRetention() {
        Envelope stale = transcode(1, 1);
        Envelope recent = transcode(1, 1);
        jdbc.sql("insert into job_checkpoint (message_id, state, percent_done, updated_at) values (?, '1', 50, now() - interval '8 days')")
                .param(stale.getId()).update();
        jdbc.sql("insert into job_checkpoint (message_id, state, percent_done, updated_at) values (?, '1', 50, now() - interval '6 days')")
                .param(recent.getId()).update();

        retention.expire(); // default retention: 7 days

        assertThat(checkpointRows(stale)).as("not resumed for longer than the retention").isZero();
        assertThat(checkpointRows(recent)).as("still within the retention").isOne();
    }

    private void process(Envelope job) {
        Attempt attempt = new Attempt(job, "test");
        processor.process(List.of(attempt));
        assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.PROCESSED);
    }

    private static Envelope transcode(int segments, long segmentMillis) {
        return envelope("video.transcode", null, "{\"videoId\":\"v\",\"segments\":" + segments + ",\"segmentMillis\":" + segmentMillis + "}");
    }

    private long checkpointRows(Envelope job) {
        return jdbc.sql("select count(*) from job_checkpoint where message_id = ?").param(job.getId()).query(Long.class).single();
    }

    /** The relay publishes COMPLETED after the commit; progress was sent directly before it. */
    private static void awaitCompleted(Envelope job) {
        await("COMPLETED published for " + job.getId(), () -> lifecycleStatuses(job.getId()).contains("COMPLETED"));
    }

    private static List<Integer> progressOf(Envelope job) {
        return readAll(Topics.LIFECYCLE).stream()
                .filter(e -> e.get("messageId").toString().equals(job.getId()) && "PROCESSING".equals(e.get("status").toString()))
                .map(e -> (Integer) e.get("progressPercent")).toList();
    }
}
