package io.laneway.contracts;

import java.util.Map;

/**
 * How a background reader fetches (a consumer whose records may wait: the duration learner, the type catalog, the
 * dead-letter indexer, the retry forwarder). The broker holds its fetch up to 500 ms and answers at the first byte, so
 * a record still arrives at once and an idle reader sends 2 fetches a second (benchmarks/results/idle.md). The services'
 * consumers fetch the same way by default; these readers keep it when an operator tunes the services' fetches for
 * throughput (a larger {@code fetch-min-size} with a short wait), which would make every idle reader fetch tens of times a
 * second. As constants for {@code @KafkaListener(properties = ...)}, and as settings for a consumer built by hand.
 */
public final class BackgroundFetch {

    public static final String MIN_BYTES = "fetch.min.bytes=1";
    public static final String MAX_WAIT = "fetch.max.wait.ms=500";

    private BackgroundFetch() {
    }

    public static Map<String, Object> settings() {
        return Map.of("fetch.min.bytes", 1, "fetch.max.wait.ms", 500);
    }
}
