package io.laneway.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.laneway.launcher.Platform;

/**
 * Several JVMs sampled over the same measured phase ({@code -Dbench.profile=true}): one {@link Profiler} per process,
 * each writing its flame graph to benchmarks/results/flames as {@code <benchmark>-<process>-<commit>-<date>}. Sampling
 * costs CPU itself, so a profiled run's figures are read for shares, an unprofiled run's for the totals.
 */
final class Profiles {

    private final Map<String, Profiler> profilers;

    private Profiles(Map<String, Profiler> profilers) {
        this.profilers = profilers;
    }

    /** Every service JVM of the platform by name, and this one (it runs the Kafka broker). */
    static Map<String, Long> platformJvms(Platform platform) {
        Map<String, Long> jvms = new LinkedHashMap<>();
        platform.services().forEach(service -> jvms.put(service.name(), service.pid()));
        jvms.put("benchmark JVM (Kafka broker)", ProcessHandle.current().pid());
        return jvms;
    }

    static boolean requested() {
        return Boolean.getBoolean("bench.profile");
    }

    /** Starts sampling each named JVM when {@code -Dbench.profile=true}; otherwise does nothing. */
    static Profiles startIfRequested(Map<String, Long> jvms) throws Exception {
        Map<String, Profiler> profilers = new LinkedHashMap<>();
        if (requested()) {
            for (var jvm : jvms.entrySet()) {
                profilers.put(jvm.getKey(), Profiler.attach(jvm.getValue()));
            }
        }
        return new Profiles(profilers);
    }

    /** Stops every sampler; returns one Markdown line per flame graph, linked from a results file beside the flames folder. */
    List<String> stop(Path root, String benchmark) throws Exception {
        List<String> links = new ArrayList<>();
        for (var entry : profilers.entrySet()) {
            String name = benchmark + "-" + entry.getKey().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "")
                    + "-" + Machine.commit() + "-" + LocalDate.now();
            String file = entry.getValue().stop(root.resolve("benchmarks/results/flames"), name);
            links.add("* " + entry.getKey() + ": [" + file + "](flames/" + file + ")");
        }
        profilers.clear();
        return links;
    }
}
