package io.laneway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A loopback HTTP load generator: closed loop (N clients as fast as answers come) for the maximum, and
 * open loop (requests started on a fixed schedule, latency measured from the scheduled time, so a slow
 * server cannot hide its queueing) for latency at a given rate. Bounded in time; stops by itself.
 */
final class HttpLoad {

    record Result(long requests, long accepted, long failed, double seconds, Histogram latencyMicros) {
        double acceptedPerSecond(int envelopesPerRequest) {
            return accepted * envelopesPerRequest / seconds;
        }

        double p(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final URI uri;
    private final String apiKey;

    HttpLoad(URI uri, String apiKey) {
        this.uri = uri;
        this.apiKey = apiKey;
    }

    Result closedLoop(String body, int clients, Duration duration) throws InterruptedException {
        Histogram histogram = new ConcurrentHistogram(60_000_000L, 3);
        AtomicLong requests = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                threads.submit(() -> {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        record(send(body), t0, histogram, requests, accepted, failed);
                    }
                });
            }
        }
        return new Result(requests.get(), accepted.get(), failed.get(), (System.nanoTime() - started) / 1e9, histogram);
    }

    Result openLoop(String body, double perSecond, Duration duration) throws InterruptedException {
        Histogram histogram = new ConcurrentHistogram(60_000_000L, 3);
        AtomicLong requests = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long intervalNanos = (long) (1e9 / perSecond);
        long total = (long) (perSecond * duration.toSeconds());
        long start = System.nanoTime();
        // -Dbench.trace=true: the worst latency per second of schedule, to see whether a tail is spread or one stall
        AtomicLongArray worstPerSecond = new AtomicLongArray((int) duration.toSeconds() + 1);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long scheduled = start + i * intervalNanos;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int second = (int) ((scheduled - start) / 1_000_000_000L);
                threads.submit(() -> {
                    record(send(body), scheduled, histogram, requests, accepted, failed);
                    worstPerSecond.accumulateAndGet(second, (System.nanoTime() - scheduled) / 1000, Math::max);
                });
            }
        }
        if (Boolean.getBoolean("bench.trace")) {
            StringBuilder line = new StringBuilder("worst latency per second (ms):");
            for (int s = 0; s < worstPerSecond.length(); s++) {
                line.append(' ').append(worstPerSecond.get(s) / 1000);
            }
            System.out.println(line);
        }
        return new Result(requests.get(), accepted.get(), failed.get(), (System.nanoTime() - start) / 1e9, histogram);
    }

    private int send(String body) {
        try {
            return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("X-API-Key", apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void record(int status, long startedNanos, Histogram histogram, AtomicLong requests, AtomicLong accepted, AtomicLong failed) {
        histogram.recordValue(Math.max(1, (System.nanoTime() - startedNanos) / 1000));
        requests.incrementAndGet();
        if (status == 202) {
            accepted.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
    }
}
