package io.laneway.contracts;

import java.util.LinkedHashMap;
import java.util.Map;

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
    public static final String RETRY = "laneway.retry";
    public static final String DEAD_LETTER = "laneway.dlq";
    public static final String LIFECYCLE = "laneway.lifecycle";
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

    /** name -> partitions, in creation order. */
    public static Map<String, Integer> all() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(LANE_FAST, 12);
        topics.put(LANE_HEAVY, 6);
        topics.put(LANE_LONG_RUNNING, 6);
        topics.put(INGRESS, 6);
        topics.put(RETRY, 6);
        topics.put(DEAD_LETTER, 3);
        topics.put(LIFECYCLE, 12);
        topics.put(ORDER_EVENTS, 6);
        return topics;
    }
}
