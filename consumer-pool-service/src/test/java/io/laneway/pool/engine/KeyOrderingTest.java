package io.laneway.pool.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Envelope;
import io.laneway.pool.support.PoolIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Inside ONE partition: same-key envelopes run one at a time in publish order, different keys overlap.
 * A sequential pool fails the overlap check; an unordered one fails the order check.
 */
class KeyOrderingTest extends PoolIntegrationTest {

    record Ran(String key, int seq, long started, long ended) {
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void sameKeyInPublishOrderDifferentKeysInParallel() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> keys = List.of(run + "-a", run + "-b", run + "-c", run + "-d");
        int perKey = 20;
        // 60 ms per handler: the batch size follows handler time (50 ms target), so batches soon hold one
        // envelope each and the four keys run on different workers at once
        List<Envelope> envelopes = new ArrayList<>();
        for (int seq = 0; seq < perKey; seq++) {
            for (String key : keys) {
                envelopes.add(envelope("test.step", key, "{\"key\":\"" + key + "\",\"seq\":" + seq + ",\"sleepMillis\":60}"));
            }
        }

        sendToPartition(Topics.LANE_FAST, 0, envelopes);

        await("all steps ran", () -> ran(run).size() == envelopes.size());
        List<Ran> ran = ran(run);
        Map<String, List<Ran>> byKey = ran.stream().collect(Collectors.groupingBy(Ran::key));
        for (String key : keys) {
            List<Ran> steps = byKey.get(key).stream().sorted(Comparator.comparingLong(Ran::started)).toList();
            assertThat(steps).extracting(Ran::seq).as("order of key %s", key).isSorted().hasSize(perKey);
            for (int i = 1; i < steps.size(); i++) {
                assertThat(steps.get(i).started()).as("key %s step %d starts after step %d ended", key, i, i - 1)
                        .isGreaterThanOrEqualTo(steps.get(i - 1).ended());
            }
        }
        assertThat(maxOverlap(ran)).as("envelopes of different keys running at the same moment").isGreaterThan(1);

        // what the batcher learned about the type shows as a gauge, from the next adjustment on
        await("the expected handler time of test.step as a gauge", () -> {
            var gauge = meters.find("laneway.pool.handler.expected").tag("lane", "fast").tag("type", "test.step").gauge();
            return gauge != null && gauge.value() >= 60;
        });
    }

    private List<Ran> ran(String run) {
        return jdbc.sql("select step_key, seq, started_nanos, ended_nanos from test_step where step_key like ?")
                .param(run + "-%")
                .query((rs, i) -> new Ran(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4))).list();
    }

    private static int maxOverlap(List<Ran> ran) {
        List<long[]> events = new ArrayList<>();
        ran.forEach(r -> {
            events.add(new long[] {r.started(), 1});
            events.add(new long[] {r.ended(), -1});
        });
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int now = 0;
        int max = 0;
        for (long[] e : events) {
            now += (int) e[1];
            max = Math.max(max, now);
        }
        return max;
    }
}
