package io.laneway.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.laneway.contracts.Topics;
import io.laneway.infra.ChildProcess;
import io.laneway.infra.JdkLocator;
import io.laneway.infra.LocalInfrastructure;
import io.laneway.infra.OrphanGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform on one machine: real Kafka, PostgreSQL and schema registry, topics created, and the
 * four services started from their built jars as child JVMs (as they run in production: separate
 * processes that share only Kafka, the registry and the database).
 */
public final class Platform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Platform.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    public static final String POOL_DATABASE = "laneway_pool";
    public static final String ROUTER_DATABASE = "laneway_router";
    /** The example team service's own database (examples/invoicing-service). */
    public static final String INVOICING_DATABASE = "laneway_invoicing";
    public static final String INVOICING = "invoicing-service";

    private final ServicePorts ports;
    private final LocalInfrastructure infrastructure;
    private final List<ChildProcess> services;
    private final String apiKey;
    private final Map<String, Launch> launches;

    /** How a service was started, so it can be started again the same way. */
    private record Launch(List<String> command, Path workDir, Path logFile, int port) {
    }

    private Platform(ServicePorts ports, LocalInfrastructure infrastructure, List<ChildProcess> services, String apiKey,
                     Map<String, Launch> launches) {
        this.ports = ports;
        this.infrastructure = infrastructure;
        this.services = new CopyOnWriteArrayList<>(services);
        this.apiKey = apiKey;
        this.launches = launches;
    }

    /** The whole platform with the example team service beside it, as {@code ./laneway} runs it. */
    public static Platform start(ServicePorts ports, Path repositoryRoot, Path runDir) {
        return start(ports, repositoryRoot, runDir, Map.of(), true);
    }

    /** The platform's four services, without the example team service (benchmarks, fault tests). */
    public static Platform start(ServicePorts ports, Path repositoryRoot, Path runDir, Map<String, List<String>> extraArguments) {
        return start(ports, repositoryRoot, runDir, extraArguments, false);
    }

    /**
     * @param extraArguments per service name, arguments added to its command line (tests, demos)
     * @param withExample    also start examples/invoicing-service, a team's service on the pool starter, once the platform
     *                       is ready (it registers its own type with the running routers)
     */
    public static Platform start(ServicePorts ports, Path repositoryRoot, Path runDir, Map<String, List<String>> extraArguments,
                                 boolean withExample) {
        LocalInfrastructure infra = LocalInfrastructure.start(ports.infrastructure(), runDir);
        List<ChildProcess> started = new ArrayList<>();
        try {
            infra.kafka().createTopics(Topics.all());
            List<String> poolProperties = LocalInfrastructure.asArguments(infra.springProperties(POOL_DATABASE));
            List<String> routerProperties = LocalInfrastructure.asArguments(infra.springProperties(ROUTER_DATABASE));
            Path java = JdkLocator.javaExecutable(21);
            List<String> common = List.of(
                    "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                    "--laneway.schema-registry.url=" + infra.schemaRegistryUrl());
            // A fresh API key per run for the local client: nothing secret is committed or reused.
            String apiKey = HexFormat.of().formatHex(randomBytes());
            String stateDir = runDir.resolve("projection-state-" + ProcessHandle.current().pid()).toString();
            Map<String, Launch> launches = new ConcurrentHashMap<>();
            List<Integer> servicePorts = new ArrayList<>();
            started.add(service(launches, extraArguments, java, repositoryRoot, runDir, "router-service", ports.router(), routerProperties,
                    List.of("--laneway.router.status-base-url=http://127.0.0.1:" + ports.projection(),
                            "--laneway.security.api-keys[0].key=" + apiKey,
                            "--laneway.security.api-keys[0].client=local",
                            "--laneway.security.api-keys[0].scopes=messages:write,admin",
                            // the local client is the operator too: it may ask for critical (the demo shows it)
                            "--laneway.router.security.clients.local.allowed-priorities=critical,high,normal,low",
                            // the operator console finds a message by its idempotency key here, from the browser
                            "--laneway.security.cors-allowed-origins=http://127.0.0.1:" + ports.projection())));
            // the same key operates the pool's dead-letter API and reads the projection's views
            started.add(service(launches, extraArguments, java, repositoryRoot, runDir, "consumer-pool-service", ports.pool(),
                    poolProperties, List.of(
                            "--laneway.security.api-keys[0].key=" + apiKey,
                            "--laneway.security.api-keys[0].client=local",
                            "--laneway.security.api-keys[0].scopes=admin",
                            // the operator console (served by the projection) calls the dead-letter and lane API from the browser
                            "--laneway.security.cors-allowed-origins=http://127.0.0.1:" + ports.projection())));
            started.add(service(launches, extraArguments, java, repositoryRoot, runDir, "saga-orchestrator", ports.saga(), common,
                    List.of("--spring.kafka.streams.state-dir=" + stateDir + "-saga",
                            "--laneway.security.api-keys[0].key=" + apiKey,
                            "--laneway.security.api-keys[0].client=local",
                            "--laneway.security.api-keys[0].scopes=admin",
                            "--laneway.security.cors-allowed-origins=http://127.0.0.1:" + ports.projection())));
            started.add(service(launches, extraArguments, java, repositoryRoot, runDir, "projection-service", ports.projection(), common,
                    List.of("--spring.kafka.streams.state-dir=" + stateDir,
                            "--laneway.security.api-keys[0].key=" + apiKey,
                            "--laneway.security.api-keys[0].client=local",
                            "--laneway.security.api-keys[0].scopes=messages:read,admin",
                            "--laneway.console.pool-url=http://127.0.0.1:" + ports.pool(),
                            "--laneway.console.router-url=http://127.0.0.1:" + ports.router(),
                            "--laneway.console.saga-url=http://127.0.0.1:" + ports.saga())));
            servicePorts.addAll(List.of(ports.router(), ports.pool(), ports.saga(), ports.projection()));
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            for (int i = 0; i < started.size(); i++) {
                ChildProcess service = started.get(i);
                int port = servicePorts.get(i);
                ready.add(CompletableFuture.runAsync(() -> service.awaitReady(Duration.ofSeconds(120), () -> isReady(port))));
            }
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
            if (withExample) {
                // A team's service joins a running platform: it registers its payload schema and its type at its start,
                // and the routers accept the type from then on, without being reconfigured or restarted.
                ChildProcess invoicing = service(launches, extraArguments, java, repositoryRoot.resolve("examples"), runDir, INVOICING,
                        ports.invoicing(), LocalInfrastructure.asArguments(infra.springProperties(INVOICING_DATABASE)), List.of(
                                "--laneway.security.api-keys[0].key=" + apiKey,
                                "--laneway.security.api-keys[0].client=local",
                                "--laneway.security.api-keys[0].scopes=admin"));
                started.add(invoicing);
                invoicing.awaitReady(Duration.ofSeconds(120), () -> isReady(ports.invoicing()));
            }
            return new Platform(ports, infra, started, apiKey, launches);
        } catch (RuntimeException e) {
            started.forEach(ChildProcess::stop);
            infra.close();
            throw e;
        }
    }

    private static ChildProcess service(Map<String, Launch> launches, Map<String, List<String>> extraArguments, Path java,
                                        Path root, Path runDir, String name, int port, List<String> common, List<String> extra) {
        Path jar = root.resolve(name).resolve("target").resolve(name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw -DskipTests install");
        }
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(serviceJvmArguments());
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
        command.addAll(common);
        command.addAll(extra);
        command.addAll(extraArguments.getOrDefault(name, List.of()));
        log.info("Starting {} on port {}", name, port);
        Path logFile = runDir.resolve("logs").resolve(name + ".log");
        launches.put(name, new Launch(List.copyOf(command), root, logFile, port));
        return ChildProcess.start(name, command, root, logFile);
    }

    /**
     * JVM flags of every service. The default favours start-up on a laptop (C1 only, serial GC, small heap), which suits
     * {@code ./laneway} and the tests; benchmarks pass production-like flags through the system property
     * {@code laneway.platform.jvmArgs} (separated by ';' or whitespace), e.g. a fixed, pre-touched heap for the soak.
     */
    public static List<String> serviceJvmArguments() {
        String configured = System.getProperty("laneway.platform.jvmArgs", "").trim();
        return configured.isEmpty() ? List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                : List.of(configured.split("[;\\s]+"));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** The API key the local router accepts for client "local" (printed by the launcher). */
    public String apiKey() {
        return apiKey;
    }

    static boolean isReady(int port) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Kills a service with SIGKILL (no shutdown hook, no drain) and starts it again the same way, waiting until it
     * is ready: what a crashed pod and its replacement look like.
     */
    public void crashAndRestart(String name) {
        Launch launch = launches.get(name);
        ChildProcess running = services.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        ProcessHandle.of(running.pid()).ifPresent(ProcessHandle::destroyForcibly);
        io.laneway.infra.Await.until(name + " to be gone", Duration.ofSeconds(30), () -> !running.isAlive());
        ChildProcess restarted = ChildProcess.restart(name, launch.command(), launch.workDir(), launch.logFile());
        services.set(services.indexOf(running), restarted);
        restarted.awaitReady(Duration.ofSeconds(120), () -> isReady(launch.port()));
    }

    public ServicePorts ports() {
        return ports;
    }

    public LocalInfrastructure infrastructure() {
        return infrastructure;
    }

    public List<ChildProcess> services() {
        return services;
    }

    public String routerUrl() {
        return "http://127.0.0.1:" + ports.router();
    }

    public String invoicingUrl() {
        return "http://127.0.0.1:" + ports.invoicing();
    }

    public String projectionUrl() {
        return "http://127.0.0.1:" + ports.projection();
    }

    public String poolUrl() {
        return "http://127.0.0.1:" + ports.pool();
    }

    /** The operator console (served by the projection). */
    public String consoleUrl() {
        return projectionUrl() + "/console/";
    }

    @Override
    public void close() {
        services.parallelStream().forEach(ChildProcess::stop);
        infrastructure.close();
        OrphanGuard.disarm();
    }
}
