package io.laneway.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka + PostgreSQL + schema registry, real and on loopback. {@link #shared()} starts them once per JVM
 * (every test class in a module reuses them); {@link #start(Ports, Path)} is for the launcher's fixed ports.
 * The three start in parallel: the registry's JVM boot dominates (~5 s).
 */
public final class LocalInfrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalInfrastructure.class);
    private static LocalInfrastructure shared;

    /** 0 = any free port. */
    public record Ports(int kafka, int postgres, int registryHttp, int registryManagement) {
        public static Ports any() {
            return new Ports(0, 0, FreePorts.next(), FreePorts.next());
        }
    }

    private final LocalKafka kafka;
    private final LocalPostgres postgres;
    private final LocalSchemaRegistry registry;

    private LocalInfrastructure(LocalKafka kafka, LocalPostgres postgres, LocalSchemaRegistry registry) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.registry = registry;
    }

    public static synchronized LocalInfrastructure shared() {
        if (shared == null) {
            Path runDir = Path.of(System.getProperty("java.io.tmpdir"), "laneway-infra");
            shared = start(Ports.any(), runDir);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "laneway-infra-shutdown"));
        }
        return shared;
    }

    public static LocalInfrastructure start(Ports ports, Path runDir) {
        long started = System.nanoTime();
        // Own threads, not the common pool: Kafka loads classes through the thread's context class
        // loader, which must be ours (inside a Spring Boot fat jar the common pool's is the system one).
        ClassLoader loader = LocalInfrastructure.class.getClassLoader();
        ExecutorService starters = Executors.newFixedThreadPool(3, task -> {
            Thread thread = new Thread(task, "laneway-infra-start");
            thread.setContextClassLoader(loader);
            thread.setDaemon(true);
            return thread;
        });
        var registry = CompletableFuture.supplyAsync(
                () -> LocalSchemaRegistry.start(ports.registryHttp(), ports.registryManagement(), runDir), starters);
        var postgres = CompletableFuture.supplyAsync(() -> LocalPostgres.start(ports.postgres(), runDir), starters);
        var kafka = CompletableFuture.supplyAsync(() -> LocalKafka.start(ports.kafka()), starters);
        starters.shutdown();
        try {
            CompletableFuture.allOf(registry, postgres, kafka).join();
        } catch (RuntimeException e) {
            // stop whatever did come up, then report the first failure
            for (var part : java.util.List.of(registry, postgres, kafka)) {
                part.thenAccept(p -> {
                    try {
                        ((AutoCloseable) p).close();
                    } catch (Exception ignored) {
                        // best effort during a failed start
                    }
                });
            }
            OrphanGuard.disarm();
            throw e;
        }
        var infra = new LocalInfrastructure(kafka.join(), postgres.join(), registry.join());
        log.info("Local infrastructure up in {} ms: kafka={} postgres={} registry={}",
                (System.nanoTime() - started) / 1_000_000, infra.kafkaBootstrapServers(),
                infra.postgres.jdbcUrl("postgres"), infra.schemaRegistryUrl());
        return infra;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.confluentApiUrl();
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    /** Processes outside this JVM that this infrastructure owns (Kafka runs inside it). */
    public java.util.List<Long> externalProcessIds() {
        return java.util.List.of(postgres.postmasterPid(), registry.pid());
    }

    public LocalKafka kafka() {
        return kafka;
    }

    /** Creates (if needed) the database and returns Spring datasource properties for it. */
    public Map<String, String> datasourceProperties(String database) {
        postgres.createDatabase(database);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.datasource.url", postgres.jdbcUrl(database));
        props.put("spring.datasource.username", LocalPostgres.USER);
        props.put("spring.datasource.password", LocalPostgres.PASSWORD);
        return props;
    }

    /**
     * Everything a Laneway service needs to run on this infrastructure (Kafka, registry, its own database),
     * as Spring properties: one place for tests, the launcher and benchmarks.
     */
    public Map<String, String> springProperties(String database) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
        props.put("laneway.schema-registry.url", schemaRegistryUrl());
        props.putAll(datasourceProperties(database));
        return props;
    }

    /** The same properties as command-line arguments ({@code --key=value}) for a child JVM. */
    public static java.util.List<String> asArguments(Map<String, String> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable part : new AutoCloseable[] {registry, kafka, postgres}) {
            try {
                part.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
        OrphanGuard.disarm();
    }
}
