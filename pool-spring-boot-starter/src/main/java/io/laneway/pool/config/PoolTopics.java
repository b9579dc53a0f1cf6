package io.laneway.pool.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.laneway.contracts.Topics;
import io.laneway.contracts.envelope.Lane;

/**
 * The topics this pool consumes and writes its failures to, in its namespace ({@code laneway.pool.topic-namespace}):
 * none for the platform's own pool, the team's name for a team service, whose types the router routes to
 * {@code laneway.<namespace>.lane.*}. Lifecycle events stay on the shared topic, so status queries see every service.
 */
public record PoolTopics(String namespace) {

    public static PoolTopics of(PoolProperties properties) {
        return new PoolTopics(properties.topicNamespace());
    }

    public String lane(Lane lane) {
        return Topics.inNamespace(namespace, Topics.laneTopic(lane));
    }

    /** The delay tier topic for a backoff: the smallest tier whose bound covers it. */
    public String retryTier(Duration delay) {
        if (delay.compareTo(Duration.ofSeconds(5)) <= 0) {
            return Topics.inNamespace(namespace, Topics.RETRY_5S);
        }
        if (delay.compareTo(Duration.ofMinutes(1)) <= 0) {
            return Topics.inNamespace(namespace, Topics.RETRY_1M);
        }
        return Topics.inNamespace(namespace, Topics.RETRY_10M);
    }

    public List<String> retryTiers() {
        return Topics.retryTiers().stream().map(topic -> Topics.inNamespace(namespace, topic)).toList();
    }

    public String deadLetters() {
        return Topics.inNamespace(namespace, Topics.DEAD_LETTER);
    }

    public String quarantine() {
        return Topics.inNamespace(namespace, Topics.DEAD_LETTER_QUARANTINE);
    }

    /** Both dead-letter topics, for the indexer's listener. */
    public String[] deadLetterTopics() {
        return new String[] {deadLetters(), quarantine()};
    }

    /**
     * A team namespace's topics with the platform's partition counts (name to partitions), created at start; empty for
     * the platform's own pool, whose topics the installation creates.
     */
    public Map<String, Integer> ownTopics() {
        Map<String, Integer> own = new LinkedHashMap<>();
        if (namespace == null || namespace.isBlank()) {
            return own;
        }
        Map<String, Integer> platform = Topics.all();
        for (Lane lane : Lane.values()) {
            own.put(lane(lane), platform.get(Topics.laneTopic(lane)));
        }
        Topics.retryTiers().forEach(tier -> own.put(Topics.inNamespace(namespace, tier), platform.get(tier)));
        own.put(deadLetters(), platform.get(Topics.DEAD_LETTER));
        own.put(quarantine(), platform.get(Topics.DEAD_LETTER_QUARANTINE));
        return own;
    }
}
