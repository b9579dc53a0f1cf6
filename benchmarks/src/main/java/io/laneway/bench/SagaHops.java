package io.laneway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import io.laneway.contracts.Topics;
import org.HdrHistogram.Histogram;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a saga's time goes, hop by hop, read back from the topics after a run. Every record a saga leaves behind
 * is keyed by its order id and stamped by whoever sent it (the router its lane envelope, the orchestrator its
 * commands and outcomes, the pool's outbox relay the participants' replies, which also carry the moment the
 * handler wrote them). Sorting one order's stamps gives its path; the gaps between consecutive stamps, collected
 * over all measured orders, say which hop holds the time:
 * <ul>
 *   <li>{@code lane:T -> E written}: the pool fetching, queueing and running T's handler up to writing reply E;</li>
 *   <li>{@code E written -> E relayed}: the rest of the handler's transaction, its commit and the outbox relay;</li>
 *   <li>{@code E relayed -> ingress:T}: the orchestrator fetching the reply and deciding the next command;</li>
 *   <li>{@code ingress:T -> lane:T}: the orchestrator's exactly-once commit and the router routing the command.</li>
 * </ul>
 * The services share one clock (one machine), so the gaps are comparable.
 */
final class SagaHops {

    private record Stamp(long millis, String stage) {
    }

    private SagaHops() {
    }

    /** A table of every hop seen in at least a tenth of the orders: count, p50, p99 and mean, in path order. */
    static String report(String bootstrapServers, String registryUrl, Map<String, Long> sentAt, Set<String> orders) {
        Map<String, List<Stamp>> paths = new HashMap<>();
        orders.forEach(id -> paths.put(id, new ArrayList<>(List.of(new Stamp(sentAt.get(id), "POST")))));
        readAll(bootstrapServers, registryUrl, paths);

        Map<String, Histogram> gaps = new LinkedHashMap<>();
        Map<String, Long> offsetSum = new HashMap<>();
        for (List<Stamp> path : paths.values()) {
            path.sort(Comparator.comparingLong(Stamp::millis));
            for (int i = 1; i < path.size(); i++) {
                String hop = path.get(i - 1).stage() + " -> " + path.get(i).stage();
                gaps.computeIfAbsent(hop, h -> new Histogram(600_000, 3))
                        .recordValue(Math.max(0, path.get(i).millis() - path.get(i - 1).millis()));
                offsetSum.merge(hop, path.get(i).millis() - path.getFirst().millis(), Long::sum);
            }
        }
        StringBuilder table = new StringBuilder("| hop (consecutive stamps of one order) | orders | p50 | p99 | mean |\n|---|---|---|---|---|\n");
        gaps.entrySet().stream()
                .filter(e -> e.getValue().getTotalCount() * 10 >= orders.size())
                .sorted(Comparator.comparingDouble(e -> offsetSum.get(e.getKey()) / (double) e.getValue().getTotalCount()))
                .forEach(e -> table.append(String.format("| %s | %d | %d ms | %d ms | %.0f ms |%n", e.getKey(),
                        e.getValue().getTotalCount(), e.getValue().getValueAtPercentile(50),
                        e.getValue().getValueAtPercentile(99), e.getValue().getMean())));
        return table.toString();
    }

    /** Reads the lanes, the ingress and the order events from the start to their current end, read committed. */
    private static void readAll(String bootstrapServers, String registryUrl, Map<String, List<Stamp>> paths) {
        Properties props = TopicTail.readCommitted(bootstrapServers, "bench-hops-");
        var decoder = TopicTail.decoder(registryUrl);
        List<String> topics = List.of(Topics.LANE_FAST, Topics.LANE_HEAVY, Topics.LANE_LONG_RUNNING, Topics.INGRESS, Topics.ORDER_EVENTS);
        try (var consumer = new KafkaConsumer<String, byte[]>(props)) {
            List<TopicPartition> partitions = topics.stream()
                    .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue()) && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    List<Stamp> path = record.key() == null ? null : paths.get(record.key());
                    if (path != null) {
                        stamps(record.topic(), record.timestamp(), decoder.deserialize(record.topic(), record.value()), path);
                    }
                }
            }
        }
    }

    private static void stamps(String topic, long sent, GenericRecord value, List<Stamp> path) {
        if (topic.equals(Topics.ORDER_EVENTS)) {
            String event = ((GenericRecord) value.get("event")).getSchema().getName();
            long written = (Long) value.get("occurredAt");
            if (written != sent) { // a participant's reply: written by its handler, sent later by the relay
                path.add(new Stamp(written, event + " written"));
                path.add(new Stamp(sent, event + " relayed"));
            } else {
                path.add(new Stamp(sent, event));
            }
        } else {
            String where = topic.equals(Topics.INGRESS) ? "ingress:" : "lane:";
            path.add(new Stamp(sent, where + value.get("type")));
        }
    }
}
