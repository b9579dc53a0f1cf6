package io.laneway.launcher.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.laneway.infra.ChildProcess;
import io.laneway.infra.JdkLocator;
import io.laneway.infra.LocalInfrastructure;

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
