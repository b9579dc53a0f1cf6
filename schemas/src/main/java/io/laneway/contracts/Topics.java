package io.laneway.contracts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.laneway.contracts.envelope.Lane;

/**
 * Every topic the platform uses, with its default partition count. Partitions bound a lane's parallelism
 * across pool instances (within an instance the pool also parallelises per key), so the busy fast lane
 * gets the most.
 */
public final class Topics {

    public static final String LANE_FAST = "laneway.lane.fast";
    public static final String LANE_HEAVY = "laneway.lane.heavy";
    public static final String LANE_LONG_RUNNING = "laneway.lane.long-running";
    /** Internal producers (the saga's commands) publish here; the router classifies them like REST traffic. */
    public static final String INGRESS = "laneway.ingress";
    /**
     * Delay tiers for non-blocking retries: a failed envelope waits in the tier whose bound covers its
     * backoff, so envelopes in one tier have similar delays and none waits long behind another's.
     */
    public static final String RETRY_5S = "laneway.retry.5s";
    public static final String RETRY_1M = "laneway.retry.1m";
    public static final String RETRY_10M = "laneway.retry.10m";
    public static final String DEAD_LETTER = "laneway.dlq";
    /** Dead letters of a failure flood (same type and error fingerprint), kept apart from the others. */
    public static final String DEAD_LETTER_QUARANTINE = "laneway.dlq.quarantine";
    /**
     * Compacted: the outbox relay's last published batch, written in the same Kafka transaction. The pool
     * declares it itself (one partition, compacted), so it is not in {@link #all()}.
     */
    public static final String OUTBOX_POSITION = "laneway.outbox.position";
    public static final String LIFECYCLE = "laneway.lifecycle";
    /**
     * Compacted, keyed by type: the message types their owning services register (through the pool starter), which every
     * router replica applies live. Declared (one partition, compacted) by the services that write and read it, so it is
     * not in {@link #all()}.
     */
    public static final String TYPES = "laneway.types";
    public static final String ORDER_EVENTS = "laneway.order.events";

    private Topics() {
    }

    public static String laneTopic(Lane lane) {
        return switch (lane) {
            case FAST -> LANE_FAST;
            case HEAVY -> LANE_HEAVY;
            case LONG_RUNNING -> LANE_LONG_RUNNING;
        };
    }

    /**
     * The lane's name where people read it: metric tags and the pool's lane configuration ({@code fast}, {@code heavy},
     * {@code long-running}, the end of its topic's name), so one PromQL label matches the router's and the pool's series.
     */
    public static String laneName(Lane lane) {
        return switch (lane) { // constants: this runs for every message's metrics
            case FAST -> "fast";
            case HEAVY -> "heavy";
            case LONG_RUNNING -> "long-running";
        };
    }

    /**
     * The lane a person named, in either spelling they meet: {@code fast} / {@code long-running} (metrics, dead
     * letters) or {@code FAST} / {@code LONG_RUNNING} (the router's answers, message status); empty if none.
     */
    public static Optional<Lane> laneNamed(String name) {
        for (Lane lane : Lane.values()) {
            if (lane.name().equalsIgnoreCase(name) || laneName(lane).equalsIgnoreCase(name)) {
                return Optional.of(lane);
            }
        }
        return Optional.empty();
    }

    /**
     * A team service's own copy of a platform topic: {@code laneway.lane.fast} in namespace {@code invoicing} is
     * {@code laneway.invoicing.lane.fast}. A service on the pool starter consumes its own lanes, retry tiers and dead
     * letters (its types are routed there, see the router's {@code namespace} per type), so two services never take
     * each other's records; the lifecycle, ingress and order-event topics stay shared. Blank: the platform's own topic.
     */
    public static String inNamespace(String namespace, String topic) {
        if (namespace == null || namespace.isBlank()) {
            return topic;
        }
        if (!namespace.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("A topic namespace is lower-case letters, digits and '-': '" + namespace + "'");
        }
        return "laneway." + namespace + topic.substring("laneway".length());
    }

    public static java.util.List<String> retryTiers() {
        return java.util.List.of(RETRY_5S, RETRY_1M, RETRY_10M);
    }

    /** name -> partitions, in creation order. */
    public static Map<String, Integer> all() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(LANE_FAST, 12);
        topics.put(LANE_HEAVY, 6);
        topics.put(LANE_LONG_RUNNING, 6);
        topics.put(INGRESS, 6);
        topics.put(RETRY_5S, 6);
        topics.put(RETRY_1M, 6);
        topics.put(RETRY_10M, 6);
        topics.put(DEAD_LETTER, 3);
        topics.put(DEAD_LETTER_QUARANTINE, 3);
        topics.put(LIFECYCLE, 12);
        topics.put(ORDER_EVENTS, 6);
        return topics;
    }
}
