package io.laneway.projection.query;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.laneway.contracts.projection.LaneTypeMinuteStats;
import io.laneway.projection.lanes.DurationHistogram;
import io.laneway.projection.lanes.LaneStatsAggregation;
import io.laneway.projection.lanes.LaneStatsTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import io.laneway.projection.ProjectionProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /v1/lanes/stats?window=15m}: per lane and minute, per type, accepted / completed / failed and the
 * p95 handler duration, plus the lane's totals over the window.
 *
 * <p>Lane statistics are kept per partition (see {@code LaneStatsProcessor}), so every instance holds a part of
 * every lane: the instance asked gathers the raw parts of all instances ({@code /internal/lanes/stats}), merges
 * them and only then computes percentiles, so the answer is the same whichever instance is asked.
 */
@RestController
public class LaneStatsController {

    /** One lane-type-minute as an instance holds it: raw counts and histogram buckets, still mergeable. */
    public record Part(String lane, String type, long windowStart, long accepted, long completed, long failed,
                       List<Long> durationBuckets) {
        static Part of(String key, long windowStart, LaneTypeMinuteStats s) {
            return new Part(LaneStatsAggregation.laneOf(key), LaneStatsAggregation.typeOf(key), windowStart, s.getAccepted(),
                    s.getCompleted(), s.getFailed(), s.getDurationBuckets());
        }

        LaneTypeMinuteStats stats() {
            return new LaneTypeMinuteStats(accepted, completed, failed, durationBuckets);
        }
    }

    public record TypeStats(long accepted, long completed, long failed, Long p95Millis) {
        static TypeStats of(LaneTypeMinuteStats s) {
            return new TypeStats(s.getAccepted(), s.getCompleted(), s.getFailed(), DurationHistogram.percentile(s.getDurationBuckets(), 0.95));
        }
    }

    public record Minute(String start, Map<String, TypeStats> types) {
    }

    public record Lane(String lane, Map<String, TypeStats> total, List<Minute> minutes) {
    }

    public record LaneStatsResponse(String from, String to, List<Lane> lanes) {
    }

    private final ProjectionStores stores;
    private final InstanceRouter router;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Duration retention;

    public LaneStatsController(ProjectionStores stores, InstanceRouter router, JsonMapper json, MeterRegistry meters,
                               ProjectionProperties projection) {
        Duration retention = projection.statsRetention();
        this.stores = stores;
        this.router = router;
        this.json = json;
        this.meters = meters;
        this.retention = retention;
    }

    @ApiResponse(responseCode = "200", description = "Accepted, completed, failed and p95 per lane, type and minute, gathered from every instance",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LaneStatsResponse.class),
                    examples = @ExampleObject(name = "example", value = ApiExamples.LANE_STATS)))
    @GetMapping(path = "/v1/lanes/stats", produces = {"application/json", "application/problem+json"})
    public ResponseEntity<?> stats(@RequestParam(defaultValue = "15m") String window) {
        Duration length = window(window);
        Timer.Sample sample = Timer.start(meters);
        long to = System.currentTimeMillis();
        long windowMillis = LaneStatsTopology.WINDOW.toMillis();
        long from = (to - length.toMillis()) / windowMillis * windowMillis;
        // lane -> minute -> type -> statistics, summed over every partition of every instance
        Map<String, Map<Long, Map<String, LaneTypeMinuteStats>>> merged = new TreeMap<>();
        List<String> servedBy = new ArrayList<>();
        for (HostInfo host : stores.hostsOf(LaneStatsTopology.STORE)) {
            for (Part part : host.equals(stores.self()) ? localParts(from, to) : remoteParts(host, from, to)) {
                merged.computeIfAbsent(part.lane(), l -> new TreeMap<>()).computeIfAbsent(part.windowStart(), w -> new TreeMap<>())
                        .merge(part.type(), part.stats(), LaneStatsAggregation::merge);
            }
            servedBy.add(InstanceRouter.endpoint(host));
        }
        List<Lane> lanes = new ArrayList<>();
        merged.forEach((lane, minutes) -> {
            Map<String, LaneTypeMinuteStats> total = new TreeMap<>();
            minutes.values().forEach(types -> types.forEach((type, stats) -> total.merge(type, stats, LaneStatsAggregation::merge)));
            lanes.add(new Lane(lane, typeStats(total), minutes.entrySet().stream()
                    .map(m -> new Minute(Instant.ofEpochMilli(m.getKey()).toString(), typeStats(m.getValue()))).toList()));
        });
        sample.stop(meters.timer("laneway.projection.query", "view", LaneStatsTopology.STORE, "served", "gathered"));
        return ResponseEntity.ok().header(InstanceRouter.SERVED_BY, String.join(",", servedBy))
                .body(new LaneStatsResponse(Instant.ofEpochMilli(from).toString(), Instant.ofEpochMilli(to).toString(), lanes));
    }

    /** This instance's part of every lane-type-minute starting in [from, to]: one entry per local partition, unmerged. */
    @ApiResponse(responseCode = "200", description = "This instance's unmerged part of every lane-type-minute (for the other instances)",
            content = @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = Part.class)),
                    examples = @ExampleObject(name = "example", value = ApiExamples.LANE_PARTS)))
    @GetMapping(path = "/internal/lanes/stats", produces = "application/json")
    public List<Part> localParts(@RequestParam long from, @RequestParam long to) {
        List<Part> parts = new ArrayList<>();
        try (var all = stores.local(LaneStatsTopology.STORE, QueryableStoreTypes.<String, LaneTypeMinuteStats>windowStore())
                .fetchAll(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to))) {
            all.forEachRemaining(e -> parts.add(Part.of(e.key.key(), e.key.window().start(), e.value)));
        }
        return parts;
    }

    private List<Part> remoteParts(HostInfo host, long from, long to) {
        ResponseEntity<String> answer = router.get(host, "/internal/lanes/stats?from=" + from + "&to=" + to, LaneStatsTopology.STORE);
        if (!answer.getStatusCode().is2xxSuccessful()) {
            throw new StoreNotReadyException(LaneStatsTopology.STORE);
        }
        return json.readValue(answer.getBody(), new TypeReference<List<Part>>() { });
    }

    private Duration window(String value) {
        Duration length;
        try {
            length = DurationStyle.detectAndParse(value);
        } catch (IllegalArgumentException e) {
            throw new BadQueryException("'window' must be a duration such as 15m, 2h or PT30M, not '" + value + "'.");
        }
        if (length.isNegative() || length.isZero() || length.compareTo(retention) > 0) {
            throw new BadQueryException("'window' must be more than zero and at most " + retention + " (the statistics' retention), not " + value + ".");
        }
        return length;
    }

    private static Map<String, TypeStats> typeStats(Map<String, LaneTypeMinuteStats> byType) {
        Map<String, TypeStats> out = new TreeMap<>();
        byType.forEach((type, s) -> out.put(type, TypeStats.of(s)));
        return out;
    }
}
