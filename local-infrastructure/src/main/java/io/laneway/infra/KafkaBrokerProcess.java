package io.laneway.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A real KRaft broker as its own process ({@code kafka.Kafka server.properties}, the kafka_2.13 jar on this
 * JVM's class path): fixed ports, its own CPU, and it can be stopped and started again on the same data,
 * which fault tests and benchmarks need. Registered with {@link OrphanGuard} like every child.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private final int port;
    private final Path dir;
    private ChildProcess process;

    private KafkaBrokerProcess(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Formats a fresh data directory and starts the broker on {@code port} (its controller on a free port). */
    public static KafkaBrokerProcess start(int port, Path dir) {
        try {
            Files.createDirectories(dir);
            int controllerPort = FreePorts.next();
            Files.writeString(dir.resolve("server.properties"), String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + dir.resolve("data"),
                    "auto.create.topics.enable=false",
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "group.initial.rebalance.delay.ms=0", ""));
            // logback's default is DEBUG: a broker logging every request would measure its logger, not Kafka
            Files.writeString(dir.resolve("logback.xml"), """
                    <configuration>
                      <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="WARN"><appender-ref ref="OUT"/></root>
                    </configuration>
                    """);
            Process format = new ProcessBuilder(javaCommand(dir, "kafka.tools.StorageTool", "format", "-t", "TGFuZXdheUxvY2FsQ2x1c3Rlcg",
                    "-c", dir.resolve("server.properties").toString(), "--ignore-formatted"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("format.log").toFile()).start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("Formatting the Kafka data directory failed; see " + dir.resolve("format.log"));
            }
            KafkaBrokerProcess broker = new KafkaBrokerProcess(port, dir);
            broker.startProcess();
            return broker;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare the Kafka broker in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> javaCommand(Path dir, String mainClass, String... args) {
        // The heap and GC flags Kafka's own kafka-server-start.sh / kafka-run-class.sh use: a fixed 1 GiB heap and G1
        // aiming at 20 ms pauses. With the JVM defaults instead, the broker paused up to 100 ms (mixed collections),
        // which showed in the ingest benchmark's p99.
        var command = new java.util.ArrayList<>(List.of(JdkLocator.javaExecutable(21).toString(), "-Xms1g", "-Xmx1g",
                "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent"));
        // extra JVM flags for the broker, ';'-separated (e.g. GC logging when a benchmark shows a stall)
        for (String flag : System.getProperty("laneway.broker.jvmArgs", "").split(";")) {
            if (!flag.isBlank()) {
                command.add(flag.trim());
            }
        }
        command.addAll(List.of("-Dlogback.configurationFile=" + dir.resolve("logback.xml"),
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private void startProcess() {
        process = ChildProcess.start("kafka-broker", javaCommand(dir, "kafka.Kafka", dir.resolve("server.properties").toString()),
                dir, dir.resolve("broker.log"));
        process.awaitReady(Duration.ofSeconds(60), this::answers);
    }

    /** The broker's process id, for reading its CPU time (benchmarks). */
    public long pid() {
        return process.pid();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker (controlled shutdown), keeping its data. */
    public void stop() {
        process.stop();
    }

    /** Starts it again on the same port and data. */
    public void restart() {
        startProcess();
    }

    public void createTopics(Map<String, Integer> partitionsByTopic) {
        try (Admin admin = admin()) {
            var existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            admin.createTopics(partitionsByTopic.entrySet().stream().filter(e -> !existing.contains(e.getKey()))
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1)).toList()).all().get(30, TimeUnit.SECONDS);
            // as LocalKafka: writers that start the moment a topic exists must find every partition's leader
            Await.until("leaders for every partition of " + partitionsByTopic.keySet(), Duration.ofSeconds(30), () -> {
                try {
                    return ReadyPartitions.allLead(admin, partitionsByTopic.keySet());
                } catch (Exception notYet) {
                    return false;
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topics " + partitionsByTopic.keySet(), e);
        }
    }

    private boolean answers() {
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        return Admin.create(props);
    }

    @Override
    /** Stops the broker and removes its data: a benchmark writes gigabytes, and every run starts on a fresh directory. */
    public void close() {
        stop();
        Directories.deleteRecursively(dir);
    }
}
