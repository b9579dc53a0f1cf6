package io.laneway.pool.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code laneway.pool.*}: per-lane pools, retries, dead letters and retention. Every default is here (a lane's in
 * {@link LaneDefaults}), so a service on the starter configures only what it changes.
 *
 * @param lanes                per lane ({@code fast}, {@code heavy}, {@code long-running}): what differs from {@link LaneDefaults}
 * @param idempotencyRetention how long a processed message's claim is kept (a redelivery within it is skipped)
 * @param instanceId           static group membership: a stable per-replica name (the pod name) avoids rebalances on restart
 * @param adjustInterval       how often the adaptive concurrency limits are adjusted
 * @param groupPrefix          consumer groups are {@code <prefix>-fast}, {@code -heavy}, {@code -long-running}, {@code -retry}
 * @param checkpointInterval   a checkpoint save less than this after the last durable one is skipped
 * @param stuckAfter           a lane's poll loop, the retry forwarder or the relay not progressing this long is reported
 *                             dead to the liveness probe
 * @param outbox               the outbox relay's settings
 * @param payloadSchemas       where this service's payload schemas are ({@code <subject>.avsc}), registered at start
 * @param types                the message types this service owns, registered with every router at start
 *                             ({@link TypeDefinition}); a type named here must have a handler in this service
 * @param typeHeartbeat        how often the registrations are sent again (the router flags a type whose owner goes quiet)
 * @param topicNamespace       a team service's own topics ({@code laneway.<namespace>.lane.fast}, its retry tiers and
 *                             dead letters); blank for the platform's pool. The router routes a type to the namespace its
 *                             catalog entry names.
 */
@Validated
@ConfigurationProperties("laneway.pool")
public record PoolProperties(Map<String, Lane> lanes, @DefaultValue Retry retry, @DefaultValue DeadLetters deadLetters,
                             @DefaultValue("7d") Duration idempotencyRetention, String instanceId,
                             @DefaultValue("1s") Duration adjustInterval, @DefaultValue("laneway-pool") String groupPrefix,
                             @DefaultValue("1s") Duration checkpointInterval,
                             @Pattern(regexp = "|[a-z0-9][a-z0-9-]*", message = "lower-case letters, digits and '-'") String topicNamespace,
                             @DefaultValue("2m") Duration stuckAfter, @DefaultValue @Valid Outbox outbox,
                             @DefaultValue("classpath*:payload-schemas/*.avsc") String payloadSchemas,
                             Map<String, @Valid TypeDefinition> types, @DefaultValue("30s") Duration typeHeartbeat) {

    public PoolProperties {
        lanes = lanes == null ? new LinkedHashMap<>() : lanes;
        retry = retry == null ? new Retry(3, Map.of(), Duration.ofMillis(500), 2.0, Duration.ofMinutes(5), List.of(), List.of()) : retry;
        deadLetters = deadLetters == null ? new DeadLetters(50, Duration.ofMinutes(1), 3) : deadLetters;
        idempotencyRetention = idempotencyRetention == null ? Duration.ofDays(7) : idempotencyRetention;
        adjustInterval = adjustInterval == null ? Duration.ofSeconds(1) : adjustInterval;
        groupPrefix = groupPrefix == null || groupPrefix.isBlank() ? "laneway-pool" : groupPrefix;
        checkpointInterval = checkpointInterval == null ? Duration.ofSeconds(1) : checkpointInterval;
        topicNamespace = topicNamespace == null ? "" : topicNamespace.strip();
        stuckAfter = stuckAfter == null ? Duration.ofMinutes(2) : stuckAfter;
        outbox = outbox == null ? new Outbox(null, null, null) : outbox;
        payloadSchemas = payloadSchemas == null || payloadSchemas.isBlank() ? "classpath*:payload-schemas/*.avsc" : payloadSchemas;
        types = types == null ? Map.of() : Map.copyOf(types);
        typeHeartbeat = typeHeartbeat == null ? Duration.ofSeconds(30) : typeHeartbeat;
    }

    /**
     * The outbox relay.
     *
     * @param transactionalId  its Kafka transactional id; blank: derived from this database's outbox identity, so two
     *                         deployments sharing a cluster never fence each other
     * @param linger           how long the relay waits after a wake-up to publish more rows per Kafka transaction
     * @param fault            fault tests only
     */
    public record Outbox(String transactionalId, @DefaultValue("20ms") Duration linger, @DefaultValue @Valid Fault fault) {

        public Outbox {
            transactionalId = transactionalId == null ? "" : transactionalId.strip();
            linger = linger == null ? Duration.ofMillis(20) : linger;
            fault = fault == null ? new Fault(0) : fault;
        }

        /** @param haltAfterCommits the JVM halts right after this many relay commits (0: never; RelayCrashTest) */
        public record Fault(@DefaultValue("0") @PositiveOrZero int haltAfterCommits) {
        }
    }

    /** The lane's settings: what is configured, each field left out taken from {@link LaneDefaults}. */
    public Lane lane(String name) {
        return LaneDefaults.merge(LaneDefaults.of(name), lanes.get(name));
    }

    /**
     * @param enabled           run this lane in this instance
     * @param concurrency       initial workers (transactions at a time)
     * @param minConcurrency    adaptive lower bound
     * @param maxConcurrency    adaptive upper bound
     * @param maxBatch          most envelopes per transaction
     * @param targetBatchMillis handler time one batch should hold
     * @param p95HighMillis     shrink above this p95 handler time
     * @param p95LowMillis      grow only below this p95
     * @param processingEvents  publish PROCESSING when work starts
     * @param shutdownTimeout   how long running work may take to finish on shutdown or revocation
     * @param maxBuffered       most records held in memory between poll and completion
     */
    public record Lane(Boolean enabled, Integer concurrency, Integer minConcurrency, Integer maxConcurrency, Integer maxBatch,
                       Double targetBatchMillis, Double p95HighMillis, Double p95LowMillis, Boolean processingEvents,
                       Duration shutdownTimeout, Integer maxBuffered) {
    }

    /**
     * @param maxAttempts       attempts per envelope, the first included
     * @param maxAttemptsByType overrides per envelope type
     * @param permanent         exception classes that are dead-lettered at once
     * @param transientErrors   exception classes always retried (checked after {@code permanent})
     */
    public record Retry(@DefaultValue("3") int maxAttempts, Map<String, Integer> maxAttemptsByType,
                        @DefaultValue("500ms") Duration initialDelay, @DefaultValue("2.0") double multiplier,
                        @DefaultValue("5m") Duration maxDelay,
                        List<Class<? extends Throwable>> permanent, List<Class<? extends Throwable>> transientErrors) {

        /** Unset lists: {@code IllegalArgumentException} is permanent, {@code TimeoutException} and {@code IOException} transient. */
        public Retry {
            permanent = permanent == null ? List.of(IllegalArgumentException.class) : List.copyOf(permanent);
            transientErrors = transientErrors == null ? List.of(java.util.concurrent.TimeoutException.class, java.io.IOException.class)
                    : List.copyOf(transientErrors);
        }
    }

    /**
     * @param floodThreshold dead letters of one fingerprint within {@code floodWindow} before quarantine
     * @param maxReplays     replay loop guard: a message replayed this often that failed again each time is held for a person
     */
    public record DeadLetters(@DefaultValue("50") int floodThreshold, @DefaultValue("1m") Duration floodWindow,
                              @DefaultValue("3") Integer maxReplays) {

        public DeadLetters {
            maxReplays = maxReplays == null ? 3 : maxReplays;
        }
    }
}
