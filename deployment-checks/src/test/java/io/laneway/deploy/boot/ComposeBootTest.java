package io.laneway.deploy.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.laneway.contracts.Topics;
import io.laneway.deploy.Repository;
import io.laneway.infra.LocalInfrastructure;
import io.laneway.infra.LocalPostgres;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml's Laneway services, started as {@code docker compose up} would: each from its built image layers
 * with the file's environment, command, volumes (named volumes start as the image's directory) and the image's user,
 * ready when its own health check's URL answers. Service hostnames ({@code kafka:9092}, {@code postgres:5432},
 * {@code schema-registry:8080}) are mapped to the local parts; PostgreSQL is prepared as the file's postgres service
 * would prepare it (its user, database and mounted init scripts). Ports are the file's (published on 127.0.0.1).
 */
class ComposeBootTest {

    private static final Path FILE = Repository.root().resolve("docker-compose.yml");

    @Test
    void theFilesServicesStartAndCarryAMessageAndAnOrder() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(FILE));
        LocalInfrastructure infra = LocalInfrastructure.shared();
        infra.kafka().createTopics(Topics.all());
        preparePostgres(compose, infra);
        NetworkStandIn network = localParts(infra);
        List<ContainerSpec> specs = ComposeContainers.from(compose, FILE.getParent(), Map.of(), network);

        assertThat(specs).extracting(ContainerSpec::service)
                .containsExactlyInAnyOrder("router-service", "consumer-pool-service", "saga-orchestrator", "projection-service");
        assertThat(specs).allSatisfy(spec -> assertThat(spec.tag()).as("compose pulls the tag the build gives its images")
                .isEqualTo(Repository.projectVersion()));
        specs.forEach(ComposeBootTest::portIsFree);
        List<Container> project = InstallChecks.startAll(specs, Path.of("target", "boot", "compose").toAbsolutePath());
        try {
            Map<String, String> pool = InstallChecks.named(project, "consumer-pool-service").spec().env();
            InstallChecks.stock(pool.get("SPRING_DATASOURCE_URL"), pool.get("SPRING_DATASOURCE_USERNAME"), pool.get("SPRING_DATASOURCE_PASSWORD"),
                    "boot-mug");
            String router = InstallChecks.url(InstallChecks.named(project, "router-service"));
            String apiKey = InstallChecks.named(project, "router-service").spec().env().get("LANEWAY_SECURITY_APIKEYS_0_KEY");
            InstallChecks.aMessageCompletes(router, apiKey, network);
            InstallChecks.anOrderCompletes(router, InstallChecks.url(InstallChecks.named(project, "projection-service")), apiKey, "boot-mug");
        } finally {
            project.forEach(Container::close);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutTheRoutersDatasourceTheRouterNeverBecomesReady() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(FILE));
        Map<String, Object> router = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("router-service");
        ((Map<String, Object>) router.get("environment")).remove("SPRING_DATASOURCE_URL");
        ContainerSpec spec = ComposeContainers.from(compose, FILE.getParent(), Map.of(), localParts(LocalInfrastructure.shared())).stream()
                .filter(s -> s.service().equals("router-service")).findFirst().orElseThrow();

        assertThatThrownBy(() -> InstallChecks.startAll(List.of(spec), Path.of("target", "boot", "compose-negative").toAbsolutePath()))
                .hasMessageContaining("router-service").hasMessageContaining("exited with");
    }

    /** The compose project's hostnames, resolved to the local parts. */
    private static NetworkStandIn localParts(LocalInfrastructure infra) {
        URI registry = URI.create(infra.schemaRegistryUrl());
        Map<String, String> addresses = new LinkedHashMap<>();
        addresses.put("kafka:9092", infra.kafkaBootstrapServers());
        addresses.put("schema-registry:8080", registry.getHost() + ":" + registry.getPort());
        addresses.put("postgres:5432", "127.0.0.1:" + infra.postgres().port());
        return NetworkStandIn.of(addresses);
    }

    /**
     * What the postgres image does on its first start with the file's environment and mounts: a superuser
     * {@code POSTGRES_USER}, the database {@code POSTGRES_DB}, then every mounted {@code docker-entrypoint-initdb.d} script.
     */
    @SuppressWarnings("unchecked")
    private static void preparePostgres(Map<String, Object> compose, LocalInfrastructure infra) throws Exception {
        Map<String, Object> service = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("postgres");
        Map<String, String> env = new LinkedHashMap<>();
        ((Map<String, Object>) service.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        String user = env.get("POSTGRES_USER");
        try (Connection admin = DriverManager.getConnection(infra.postgres().jdbcUrl("postgres"), LocalPostgres.USER, LocalPostgres.PASSWORD)) {
            if (!admin.createStatement().executeQuery("select 1 from pg_roles where rolname = '" + user + "'").next()) {
                admin.createStatement().execute("create role " + user + " superuser login password '" + env.get("POSTGRES_PASSWORD") + "'");
            }
        }
        infra.postgres().createDatabase(env.get("POSTGRES_DB"));
        try (Connection db = DriverManager.getConnection(infra.postgres().jdbcUrl(env.get("POSTGRES_DB")), user, env.get("POSTGRES_PASSWORD"))) {
            for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String[] parts = String.valueOf(volume).split(":");
                if (parts[1].startsWith("/docker-entrypoint-initdb.d/") && parts[0].startsWith(".")) {
                    for (String statement : Files.readString(FILE.getParent().resolve(parts[0])).replaceAll("(?m)--.*$", "").split(";")) {
                        if (!statement.isBlank() && !exists(db, statement)) {
                            db.createStatement().execute(statement);
                        }
                    }
                }
            }
        }
    }

    /** A {@code create database x} already done (the shared PostgreSQL outlives one test): the image runs its scripts once. */
    private static boolean exists(Connection db, String statement) throws Exception {
        var create = java.util.regex.Pattern.compile("(?i)\\s*create database (\\w+)\\s*").matcher(statement);
        return create.matches() && db.createStatement().executeQuery("select 1 from pg_database where datname = '" + create.group(1) + "'").next();
    }

    private static void portIsFree(ContainerSpec spec) {
        try (ServerSocket socket = new ServerSocket(spec.readiness().port(), 1, InetAddress.getLoopbackAddress())) {
            socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("port " + spec.readiness().port() + " is in use; compose publishes " + spec.name()
                    + " there: stop what holds it (a ./laneway run?)", e);
        }
    }
}
