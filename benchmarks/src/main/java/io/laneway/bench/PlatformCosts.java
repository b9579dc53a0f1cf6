package io.laneway.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.laneway.infra.ChildProcess;
import io.laneway.launcher.Platform;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * What the whole platform spent between two moments, per unit of work (a saga, an envelope): CPU time per process as
 * the OS counts it (user + system) and offsets written per topic (records plus transaction markers, internal topics
 * included, since commits and offset commits are broker work too). Taken by a benchmark so every run says where its
 * time goes, not only how fast it was.
 */
final class PlatformCosts {

    /** CPU nanoseconds per process and end offset per topic at one moment. */
    record Snapshot(long takenAtNanos, Map<String, Long> cpuNanos, Map<String, Long> endOffsets) {
    }

    static final String POSTGRES = "PostgreSQL (all backends)";

    private PlatformCosts() {
    }

    static Snapshot take(Platform platform) {
        return new Snapshot(System.nanoTime(), CpuTimes.of(processes(platform)).nanos(),
                endOffsets(platform.infrastructure().kafkaBootstrapServers()));
    }

    /** The platform's processes by name: this JVM (the broker runs in it), each service, PostgreSQL, the registry. */
    static Map<String, Long> processes(Platform platform) {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("benchmark JVM (Kafka broker, load generator)", ProcessHandle.current().pid());
        for (ChildProcess service : platform.services()) {
            pids.put(service.name(), service.pid());
        }
        // the postmaster forks one backend per connection; the services' pools keep theirs open for the whole run
        long postmaster = platform.infrastructure().postgres().postmasterPid();
        pids.put(POSTGRES, postmaster);
        platform.infrastructure().externalProcessIds().stream().filter(pid -> pid != postmaster).findFirst()
                .ifPresent(registry -> pids.put("schema registry", registry));
        return pids;
    }

    /** Two tables: CPU per process (share of one core and per unit) and offsets per topic per unit. */
    static String report(Snapshot before, Snapshot after, long units, String unit) {
        double seconds = (after.takenAtNanos() - before.takenAtNanos()) / 1e9;
        StringBuilder out = new StringBuilder(String.format(
                "CPU per process over %.0f s (%d %ss; from the OS, user + system):%n%n| process | share of one core | ms per %s |%n|---|---|---|%n",
                seconds, units, unit, unit));
        long totalNanos = 0;
        for (var entry : after.cpuNanos().entrySet()) {
            long spent = entry.getValue() - before.cpuNanos().getOrDefault(entry.getKey(), 0L);
            totalNanos += spent;
            out.append(String.format("| %s | %.0f%% | %.2f |%n", entry.getKey(), 100 * spent / 1e9 / seconds, spent / 1e6 / Math.max(1, units)));
        }
        out.append(String.format("| all | %.0f%% | %.2f |%n", 100 * totalNanos / 1e9 / seconds, totalNanos / 1e6 / Math.max(1, units)));
        Figures.put("cpu.ms.per." + unit, totalNanos / 1e6 / Math.max(1, units));
        out.append(String.format("%nOffsets written per %s (records and transaction markers):%n%n| topic | per %s |%n|---|---|%n", unit, unit));
        long all = 0;
        for (var entry : after.endOffsets().entrySet()) {
            long written = entry.getValue() - before.endOffsets().getOrDefault(entry.getKey(), 0L);
            all += written;
            if (written > 0) {
                out.append(String.format("| %s | %.1f |%n", entry.getKey(), written / (double) Math.max(1, units)));
            }
        }
        out.append(String.format("| all | %.1f |%n", all / (double) Math.max(1, units)));
        return out.toString();
    }

    /**
     * The baseline beside a measurement: the platform's share of a core while idle (no work, just before it), and what that
     * floor comes to per unit over the measured span, so a reader sees how much of a unit's CPU is work and how much is the
     * platform merely running.
     */
    static String idleFloor(Snapshot idleBefore, Snapshot idleAfter, Snapshot before, Snapshot after, long units, String unit) {
        double idleSeconds = (idleAfter.takenAtNanos() - idleBefore.takenAtNanos()) / 1e9;
        double measuredSeconds = (after.takenAtNanos() - before.takenAtNanos()) / 1e9;
        long idleNanos = 0;
        StringBuilder each = new StringBuilder();
        for (var entry : idleAfter.cpuNanos().entrySet()) {
            long spent = entry.getValue() - idleBefore.cpuNanos().getOrDefault(entry.getKey(), 0L);
            idleNanos += spent;
            each.append(each.isEmpty() ? "" : ", ").append(String.format("%s %.1f%%", entry.getKey(), 100 * spent / 1e9 / idleSeconds));
        }
        double share = idleNanos / 1e9 / idleSeconds;
        return String.format("Baseline in the same run: the platform idle for %.0f s just before, %.1f%% of one core (%s); over the"
                + " measured %.0f s that floor is %.2f ms per %s.%n", idleSeconds, 100 * share, each, measuredSeconds,
                share * measuredSeconds * 1e3 / Math.max(1, units), unit);
    }

    /** One process's CPU between the snapshots, in ms per unit (0 when it was not measured). */
    static double millisPerUnit(Snapshot before, Snapshot after, String process, long units) {
        long spent = after.cpuNanos().getOrDefault(process, 0L) - before.cpuNanos().getOrDefault(process, 0L);
        return spent / 1e6 / Math.max(1, units);
    }

    private static Map<String, Long> endOffsets(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            var topics = admin.describeTopics(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(10, TimeUnit.SECONDS))
                    .allTopicNames().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = topics.values().stream()
                    .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<String, Long> perTopic = new TreeMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                    .forEach((partition, info) -> perTopic.merge(partition.topic(), info.offset(), Long::sum));
            return perTopic;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the topics' end offsets from " + bootstrapServers, e);
        }
    }
}
