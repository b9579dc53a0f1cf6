package io.laneway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml against the Compose specification's JSON schema (ajv, the schema dclint ships), then what a
 * schema cannot see: every depends_on names a service (with a health check when it waits for health), every named
 * volume is declared, every bind-mounted file exists, every Laneway service has a health check and is scraped by
 * the Prometheus the file starts.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Repository.root().resolve("docker-compose.yml");
    private static final List<String> SERVICES = List.of("router-service", "consumer-pool-service", "saga-orchestrator", "projection-service");

    @Test
    void theFileIsValidAgainstTheComposeSpecification() throws Exception {
        Tools.Result result = validate(Files.readString(COMPOSE));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void aMisspeltKeyIsCaughtByTheSchemaCheck() throws Exception {
        Tools.Result result = validate(Files.readString(COMPOSE).replace("    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready",
                "    healthchek:\n      test: [\"CMD-SHELL\", \"pg_isready"));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("healthchek");
    }

    @Test
    @SuppressWarnings("unchecked")
    void nothingDangles() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        Map<String, Object> volumes = (Map<String, Object>) compose.get("volumes");
        List<String> problems = new ArrayList<>();
        services.forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            if (dependsOn instanceof Map<?, ?> conditions) {
                conditions.forEach((target, how) -> {
                    Map<String, Object> other = services.get(target.toString());
                    if (other == null) {
                        problems.add(name + " depends on missing service " + target);
                    } else if ("service_healthy".equals(((Map<String, Object>) how).get("condition")) && !other.containsKey("healthcheck")) {
                        problems.add(name + " waits for " + target + " to be healthy, but it has no health check");
                    }
                });
            }
            for (Object mount : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String source = mount.toString().split(":")[0];
                if (source.startsWith("./")) {
                    if (!Files.exists(Repository.root().resolve(source))) {
                        problems.add(name + " mounts " + source + ", which does not exist");
                    }
                } else if (volumes == null || !volumes.containsKey(source)) {
                    problems.add(name + " uses volume " + source + ", which is not declared");
                }
            }
        });
        assertThat(problems).isEmpty();
        assertThat(services).containsKeys("kafka", "schema-registry", "postgres", "prometheus", "grafana");
        for (String service : SERVICES) {
            assertThat(services.get(service)).as(service).containsKey("healthcheck");
        }
    }

    /** What would stop `docker compose up` at first boot, or lose the registry's schemas at its first restart. */
    @Test
    @SuppressWarnings("unchecked")
    void theRouterHasItsDatabaseTheImagesTheBuildsTagAndTheRegistryKeepsItsSchemas() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        Map<String, Object> router = services.get("router-service");
        Map<String, Object> routerEnv = (Map<String, Object>) router.get("environment");

        assertThat(routerEnv.get("SPRING_DATASOURCE_URL").toString()).endsWith("/laneway_router");
        assertThat(routerEnv).containsKeys("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
        assertThat((Map<String, Object>) router.get("depends_on")).containsKey("postgres");
        String init = Files.readString(Repository.root().resolve("observability/postgres/init-databases.sql"));
        assertThat(init).contains("create database laneway_router").contains("create database apicurio");
        assertThat(services.get("postgres").get("volumes").toString()).contains("/docker-entrypoint-initdb.d/");
        Map<String, Object> registryEnv = (Map<String, Object>) services.get("schema-registry").get("environment");
        assertThat(registryEnv).containsEntry("APICURIO_STORAGE_KIND", "sql").containsEntry("APICURIO_STORAGE_SQL_KIND", "postgresql");
        assertThat(registryEnv.get("APICURIO_DATASOURCE_URL").toString()).endsWith("/apicurio");
        String version = Repository.projectVersion();
        for (String service : SERVICES) {
            assertThat(services.get(service).get("image").toString()).as(service).endsWith(":-" + version + "}");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryServiceOnItsPort() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        Map<String, Object> prometheus = new Yaml().load(Files.readString(Repository.root().resolve("observability/prometheus/prometheus.yml")));
        String config = prometheus.toString();
        for (String service : SERVICES) {
            String port = ((Map<String, Object>) services.get(service).get("environment")).get("SERVER_PORT").toString();
            assertThat(config).as("Prometheus scrapes " + service).contains(service + ":" + port);
        }
    }

    private static Tools.Result validate(String composeYaml) {
        Object parsed = new Yaml().load(composeYaml);
        String json = new KubernetesSerialization().asJson(parsed);
        Path tools = Tools.nodeTools();
        return Tools.run(tools, json, List.of("node", "validate-compose.mjs"));
    }
}
