package io.laneway.launcher.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.laneway.contracts.Topics;
import io.laneway.infra.ChildProcess;
import io.laneway.infra.JdkLocator;
import io.laneway.infra.LocalInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** consumer-pool-service as its own JVM (the packaged jar), as in production, so faults can hit it or its parts. */
public final class PoolProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PoolProcess() {
    }

    /** Starts the pool with these Spring properties and extra arguments; returns once it is ready. */
    public static ChildProcess start(String name, int port, Map<String, String> properties, Path runDir, String... extra) {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path jar = root.resolve("consumer-pool-service/target/consumer-pool-service.jar");
        List<String> command = new ArrayList<>(List.of(JdkLocator.javaExecutable(21).toString(), "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
                "--logging.level.io.laneway=WARN",
                // a killed member's partitions move after 6 s instead of the default 45 s
                "--spring.kafka.consumer.properties.session.timeout.ms=6000"));
        command.addAll(LocalInfrastructure.asArguments(properties));
        command.addAll(List.of(extra));
        ChildProcess pool = ChildProcess.start("consumer-pool-" + name, command, root, runDir.resolve("pool-" + name + ".log"));
        pool.awaitReady(Duration.ofSeconds(120), () -> ready(port));
        return pool;
    }

    /**
     * Consumer groups for a new pool deployment ({@code <prefix>-fast|heavy|long-running|retry}) that start at the
     * current end of their topics, so a scenario's pool reads only what the scenario publishes from now on, not the
     * history every earlier test left on the shared broker. Returns the pool argument naming the groups.
     */
    public static String groupsStartingNow(String bootstrapServers, String prefix) {
        Map<String, List<String>> topicsByGroup = Map.of(
                prefix + "-fast", List.of(Topics.LANE_FAST),
                prefix + "-heavy", List.of(Topics.LANE_HEAVY),
                prefix + "-long-running", List.of(Topics.LANE_LONG_RUNNING),
                prefix + "-retry", Topics.retryTiers());
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            for (var group : topicsByGroup.entrySet()) {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                var described = admin.describeTopics(group.getValue()).allTopicNames().get(30, TimeUnit.SECONDS);
                described.forEach((topic, d) -> d.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
                Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
                admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
                admin.alterConsumerGroupOffsets(group.getKey(), ends).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot position the consumer groups of " + prefix, e);
        }
        return "--laneway.pool.group-prefix=" + prefix;
    }

    /** The pool's Prometheus scrape, or "" when it does not answer. */
    public static String metrics(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    /** Sum of the samples of a metric whose label set contains every given label (e.g. {@code lane="fast"}). */
    public static double sample(String scrape, String metric, String... labels) {
        return scrape.lines().filter(l -> l.startsWith(metric + "{") || l.startsWith(metric + " "))
                .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static boolean ready(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
