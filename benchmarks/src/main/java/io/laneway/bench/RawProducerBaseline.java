package io.laneway.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.laneway.infra.JdkLocator;

/**
 * Kafka's own ProducerPerformance (kafka-tools) against the same broker, with the router's producer
 * settings: the ceiling an HTTP ingest path can approach. Run as a child JVM on this classpath.
 */
final class RawProducerBaseline {

    /** @param cpuSeconds the producer JVM's CPU (user + system), read when it printed its summary, just before it ends */
    record Result(double recordsPerSecond, double p50Millis, double p99Millis, String line, double cpuSeconds) {
    }

    private static final Pattern SUMMARY = Pattern.compile(
            "([\\d.]+) records/sec.*?([\\d.]+) ms 50th, [\\d.]+ ms 95th, ([\\d.]+) ms 99th");

    private RawProducerBaseline() {
    }

    static Result run(String bootstrap, String topic, int records, int recordSize) throws Exception {
        // the same quiet logging as the benchmark itself: logback's default (DEBUG) would slow the baseline
        List<String> command = List.of(JdkLocator.javaExecutable(21).toString(), "-Xmx512m",
                "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""),
                "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", String.valueOf(records), "--record-size", String.valueOf(recordSize),
                "--throughput", "-1", "--command-property", "bootstrap.servers=" + bootstrap, "acks=all",
                "enable.idempotence=true", "compression.type=lz4", "linger.ms=5", "batch.size=65536");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(Path.of(".").toFile()).start();
        String last = null;
        long cpuNanos = 0;
        try (var out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains("records sent")) {
                    last = line;
                    cpuNanos = CpuTimes.cpuNanos(process.toHandle()); // the summary is its last work; after exit it has no CPU to read
                }
            }
        }
        process.waitFor();
        if (last == null) {
            throw new IllegalStateException("ProducerPerformance printed no summary (exit " + process.exitValue() + ")");
        }
        Matcher m = SUMMARY.matcher(last);
        if (!m.find()) {
            throw new IllegalStateException("Unexpected ProducerPerformance summary: " + last);
        }
        return new Result(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)), last, cpuNanos / 1e9);
    }
}
