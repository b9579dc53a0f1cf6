package io.laneway.deploy.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.laneway.contracts.Topics;
import io.laneway.deploy.ChartRendering;
import io.laneway.deploy.Repository;
import io.laneway.infra.FreePorts;
import io.laneway.infra.LocalInfrastructure;
import io.laneway.infra.LocalPostgres;
import org.junit.jupiter.api.Test;

/**
 * The chart as Helm renders it, started: every Deployment's container from its built image layers with exactly the
 * environment, arguments, volumes and user the manifest gives, on the local Kafka, PostgreSQL and registry the test
 * values file points at ({@code boot-values.yaml}, written per run: the local parts' ports are chosen at start). Ready
 * by the manifest's own probes, the release carries a message to COMPLETED through the status URL the router answers,
 * and an order's saga completes. One pod per Deployment; hooks (the topics Job, the test pod) are not run: the topics
 * are created as the Job would.
 */
class ChartBootTest {

    private static final String CONFIG_SECRET = "laneway-boot-config";
    private static final String NAMESPACE = "laneway-boot";

    @Test
    void theRenderedReleaseStartsAndCarriesAMessageAndAnOrder() throws Exception {
        LocalInfrastructure infra = LocalInfrastructure.shared();
        infra.kafka().createTopics(Topics.all());
        String apiKey = HexFormat.of().formatHex(java.security.SecureRandom.getSeed(16));
        Path values = valuesFile(infra, true);
        NetworkStandIn network = serviceAddresses(values);
        List<ContainerSpec> specs = ChartContainers.from(release(values, apiKey), NAMESPACE, network);

        assertThat(specs).extracting(ContainerSpec::service)
                .containsExactlyInAnyOrder("router-service", "consumer-pool-service", "saga-orchestrator", "projection-service");
        assertThat(specs).allSatisfy(spec -> assertThat(spec.tag()).as("the chart pulls the tag the build gives its images")
                .isEqualTo(Repository.projectVersion()));
        List<Container> release = InstallChecks.startAll(specs, Path.of("target", "boot", "chart").toAbsolutePath());
        try {
            InstallChecks.stock(infra.postgres().jdbcUrl("chart_pool"), LocalPostgres.USER, LocalPostgres.PASSWORD, "boot-tea");
            String router = InstallChecks.url(InstallChecks.named(release, "router-service"));
            InstallChecks.aMessageCompletes(router, apiKey, network);
            InstallChecks.anOrderCompletes(router, InstallChecks.url(InstallChecks.named(release, "projection-service")), apiKey, "boot-tea");
        } finally {
            release.forEach(Container::close);
        }
    }

    @Test
    void withoutTheRoutersDatabaseUrlTheRouterNeverBecomesReady() throws Exception {
        LocalInfrastructure infra = LocalInfrastructure.shared();
        Path values = valuesFile(infra, false);
        ContainerSpec router = ChartContainers.from(release(values, "unused-key"), NAMESPACE, serviceAddresses(values)).stream()
                .filter(spec -> spec.service().equals("router-service")).findFirst().orElseThrow();

        // the chart's default (postgres:5432) names no database this install has: the boot check must fail, not pass
        assertThatThrownBy(() -> InstallChecks.startAll(List.of(router), Path.of("target", "boot", "chart-negative").toAbsolutePath()))
                .hasMessageContaining("router-service").hasMessageContaining("exited with");
    }

    /** The test values: the local parts, one pod each, light JVM flags, and the API keys in a Secret the operator made. */
    private static Path valuesFile(LocalInfrastructure infra, boolean withRouterDatabase) throws Exception {
        infra.postgres().createDatabase("chart_pool");
        infra.postgres().createDatabase("chart_router");
        String postgres = "jdbc:postgresql://127.0.0.1:" + infra.postgres().port() + "/";
        String yaml = """
                kafka: {bootstrapServers: "%s"}
                schemaRegistry: {url: "%s"}
                postgres:
                  url: "%schart_pool"
                  %s
                  username: %s
                  password: %s
                security: {configSecret: %s}
                jvm: {options: "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx384m -XX:+ExitOnOutOfMemoryError"}
                router: {replicas: 1, port: %d, autoscaling: {enabled: false}}
                pool: {replicas: 1, port: %d, autoscaling: {enabled: false}}
                saga: {replicas: 1, port: %d}
                projection: {replicas: 1, port: %d}
                """.formatted(infra.kafkaBootstrapServers(), infra.schemaRegistryUrl(), postgres,
                withRouterDatabase ? "routerUrl: \"" + postgres + "chart_router\"" : "", LocalPostgres.USER, LocalPostgres.PASSWORD,
                CONFIG_SECRET, FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next());
        Path file = Path.of("target", "boot", withRouterDatabase ? "boot-values.yaml" : "boot-values-without-router-url.yaml").toAbsolutePath();
        Files.createDirectories(file.getParent());
        return Files.writeString(file, yaml);
    }

    /** The release's manifest (as {@code helm install} applies it) plus the Secret the values name, made by the operator. */
    private static List<HasMetadata> release(Path values, String apiKey) {
        List<HasMetadata> objects = new ArrayList<>(ChartRendering.parse(ChartRendering.template().withNamespace(NAMESPACE)
                .withValuesFile(values).call()));
        objects.add(new SecretBuilder().withNewMetadata().withName(CONFIG_SECRET).endMetadata().withStringData(Map.of("application.yml", """
                laneway:
                  security:
                    api-keys:
                      - key: %s
                        client: boot
                        scopes: [messages:write, messages:read, admin]
                """.formatted(apiKey))).build());
        return objects;
    }

    /** The release's Services by their cluster names (the router's status URLs name the projection's), on loopback. */
    private static NetworkStandIn serviceAddresses(Path values) throws Exception {
        Map<String, Object> parsed = new org.yaml.snakeyaml.Yaml().load(Files.readString(values));
        Map<String, String> addresses = new java.util.LinkedHashMap<>();
        for (String key : List.of("router", "pool", "saga", "projection")) {
            Object port = ((Map<?, ?>) parsed.get(key)).get("port");
            addresses.put("laneway-" + key + ":" + port, "127.0.0.1:" + port);
        }
        return NetworkStandIn.of(addresses);
    }
}
