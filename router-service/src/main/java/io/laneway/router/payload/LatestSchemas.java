package io.laneway.router.payload;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest schema of each payload subject, re-read from the registry in the background once it is older than
 * {@code refreshAfter}. Requests never wait for that re-read: they keep validating with the schema they have until the
 * new one arrives, and one re-read runs per subject however many requests ask. If the registry does not answer, the
 * schema we have stays in use. Only a subject's very first load waits for the registry.
 *
 * <p>Why: the first version re-read the schema inside every request that found it stale. Once a minute every request
 * in flight called the registry at the same time, and the ingest benchmark showed a 0.2-0.4 s stall each minute.
 * Caffeine's refresh-after-write is exactly this policy (single flight, stale-while-revalidate), so it is used here
 * rather than hand-written.
 */
final class LatestSchemas<V> {

    private static final Logger log = LoggerFactory.getLogger(LatestSchemas.class);

    private final LoadingCache<String, V> bySubject;

    LatestSchemas(Function<String, V> registryLatest, Duration refreshAfter, Executor refresher, Ticker ticker) {
        this.bySubject = Caffeine.newBuilder()
                .refreshAfterWrite(refreshAfter)
                .executor(refresher)
                .ticker(ticker)
                .build(new CacheLoader<>() {
                    @Override
                    public V load(String subject) {
                        return registryLatest.apply(subject);
                    }

                    /**
                     * A failed re-read keeps the schema we have for another refresh period, with one line in the log.
                     * Left to Caffeine, the failure was logged with its stack trace and the very next request started
                     * another re-read, for as long as the registry stayed away.
                     */
                    @Override
                    public V reload(String subject, V current) {
                        try {
                            return registryLatest.apply(subject);
                        } catch (RuntimeException e) {
                            log.warn("Payload schema {} not re-read from the registry ({}); keeping the one we have", subject, e.toString());
                            return current;
                        }
                    }
                });
    }

    /** The subject's schema; throws what the registry threw if the subject was never loaded and cannot be now. */
    V latest(String subject) {
        return bySubject.get(subject);
    }
}
