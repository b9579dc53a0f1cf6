package io.laneway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.laneway.deploy.ChartRendering.HOOK;
import static io.laneway.deploy.ChartRendering.KUBERNETES;
import static io.laneway.deploy.ChartRendering.parse;
import static io.laneway.deploy.ChartRendering.render;
import static io.laneway.deploy.ChartRendering.template;
import static io.laneway.deploy.ChartRendering.templateWithHooks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.laneway.contracts.Topics;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chart through Helm itself (helm-java: Helm v3 as a native library): strict lint, templates rendered with the
 * default values and with a production-like file, every object parsed into its typed Kubernetes model with no
 * field left over (a misspelt field would be silently dropped by the API server), and wrong values refused by
 * values.schema.json.
 */
class HelmChartTest {


    @Test
    void theChartPassesHelmLintStrict() {
        LintResult lint = new Helm(Repository.chart()).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @ParameterizedTest(name = "values: {0}")
    @ValueSource(strings = {"(defaults)", "ci/production-values.yaml", "ci/plain-credentials-values.yaml", "ci/conventions-values.yaml"})
    void everyRenderedObjectIsAValidTypedKubernetesObject(String valuesFile) {
        List<HasMetadata> objects = render(valuesFile);

        assertThat(objects).isNotEmpty();
        for (HasMetadata object : objects) {
            if (!(object instanceof GenericKubernetesResource)) {
                assertThat(unknownFields(object)).as("%s %s: fields the typed model does not know", object.getKind(),
                        object.getMetadata().getName()).isEmpty();
            }
        }
        assertThat(objects).filteredOn(o -> o instanceof Deployment).hasSize(4);
    }

    @Test
    void productionValuesGiveThreeReplicasSaslSslAndKedaInsteadOfThePoolsHpa() {
        List<HasMetadata> objects = render("ci/production-values.yaml");
        Map<String, String> kinds = objects.stream().collect(Collectors.toMap(o -> o.getKind() + "/" + o.getMetadata().getName(),
                HasMetadata::getKind));

        assertThat(kinds).containsKeys("ScaledObject/laneway-pool", "TriggerAuthentication/laneway-kafka", "ServiceMonitor/laneway",
                "PrometheusRule/laneway", "HorizontalPodAutoscaler/laneway-router", "NetworkPolicy/laneway",
                "PodDisruptionBudget/laneway-projection");
        assertThat(kinds).doesNotContainKey("HorizontalPodAutoscaler/laneway-pool");
        Deployment router = deployment(objects, "laneway-router");
        var env = router.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv();
        assertThat(env).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
            assertThat(e.getValue()).contains("ScramLoginModule").contains("$(LANEWAY_KAFKA_PASSWORD)");
        });
        assertThat(env).anySatisfy(e -> assertThat(e.getName()).isEqualTo("SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD"));
        assertThat(deployment(objects, "laneway-projection").getSpec().getReplicas()).isEqualTo(3);
        assertThat(objects).as("production credentials come from existing secrets, none is rendered")
                .noneMatch(o -> o instanceof Secret && o.getMetadata().getName().equals("laneway-credentials"));
        var scaled = (GenericKubernetesResource) objects.stream().filter(o -> o.getKind().equals("ScaledObject")).findFirst().orElseThrow();
        List<Map<String, Object>> triggers = scaled.get("spec", "triggers");
        assertThat(triggers.stream().map(t -> String.valueOf(((Map<?, ?>) t.get("metadata")).get("consumerGroup"))).toList())
                .containsExactly("laneway-pool-fast", "laneway-pool-heavy", "laneway-pool-long-running");
    }

    @Test
    void everyContainerRunsAsNonRootWithProbesAndResources() {
        for (HasMetadata object : render("(defaults)")) {
            if (object instanceof Deployment deployment) {
                var pod = deployment.getSpec().getTemplate().getSpec();
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
                var container = pod.getContainers().getFirst();
                assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
                assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
                assertThat(container.getResources().getLimits()).containsKey("memory");
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            }
        }
    }

    /** What would stop a default install at first boot (issue found by reading the rendered chart). */
    @Test
    void eachServiceGetsItsOwnDatabaseWithCredentialsTheImageTagItWasBuiltAsAndItsRuntimeIdentity() throws Exception {
        List<HasMetadata> objects = render("(defaults)");
        var router = env(deployment(objects, "laneway-router"));
        var pool = env(deployment(objects, "laneway-pool"));

        assertThat(router.get("SPRING_DATASOURCE_URL").getValue()).as("the router's own database, not the pool's").endsWith("/laneway_router");
        assertThat(pool.get("SPRING_DATASOURCE_URL").getValue()).endsWith("/laneway_pool");
        for (var service : List.of(router, pool)) {
            assertThat(service.get("SPRING_DATASOURCE_USERNAME").getValueFrom().getSecretKeyRef()).isNotNull();
            assertThat(service.get("SPRING_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef()).isNotNull();
        }
        assertThat(objects).filteredOn(o -> o instanceof ConfigMap).allSatisfy(c -> assertThat(((ConfigMap) c).getData())
                .as("no datasource shared by every service").doesNotContainKey("SPRING_DATASOURCE_URL"));
        assertThat(router.get("LANEWAY_STATUS_BASE_URL").getValue()).isEqualTo("http://laneway-projection:8084");
        assertThat(pool.get("POOL_INSTANCE_ID").getValueFrom().getFieldRef().getFieldPath())
                .as("static membership from the pod name").isEqualTo("metadata.name");
        String version = Repository.projectVersion();
        assertThat(objects).filteredOn(o -> o instanceof Deployment).allSatisfy(d -> assertThat(((Deployment) d).getSpec().getTemplate()
                .getSpec().getContainers().getFirst().getImage()).as("the tag the build gives the images").endsWith(":" + version));
        assertThat(env(deployment(render("ci/production-values.yaml"), "laneway-router")).get("LANEWAY_STATUS_BASE_URL"))
                .isNotNull();
    }

    /** What well-kept charts let an installer set, reaching every pod of the four services. */
    @Test
    void placementExtraEnvVolumesServiceAccountAndIngressesReachEveryService() {
        List<HasMetadata> objects = render("ci/conventions-values.yaml");

        for (HasMetadata object : objects) {
            if (object instanceof Deployment deployment) {
                var pod = deployment.getSpec().getTemplate();
                var spec = pod.getSpec();
                String service = pod.getMetadata().getLabels().get("app.kubernetes.io/name");
                assertThat(spec.getServiceAccountName()).isEqualTo("laneway-runner");
                assertThat(spec.getNodeSelector()).containsEntry("kubernetes.io/arch", "amd64");
                assertThat(spec.getTolerations()).extracting(t -> t.getKey()).containsExactly("dedicated");
                assertThat(spec.getAffinity().getPodAntiAffinity()).isNotNull();
                assertThat(spec.getTopologySpreadConstraints()).singleElement().satisfies(c -> {
                    assertThat(c.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
                    assertThat(c.getLabelSelector().getMatchLabels()).as("spread per service").containsEntry("app.kubernetes.io/name", service);
                });
                assertThat(pod.getMetadata().getAnnotations()).containsKey("example.com/team").containsKey("checksum/config");
                assertThat(pod.getMetadata().getLabels()).containsEntry("example.com/cost-center", "42");
                var container = spec.getContainers().getFirst();
                assertThat(container.getEnv()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("TZ"));
                assertThat(container.getEnvFrom()).anyMatch(e -> e.getSecretRef() != null && "laneway-extra".equals(e.getSecretRef().getName()));
                assertThat(spec.getVolumes()).anySatisfy(v -> assertThat(v.getName()).isEqualTo("ca-bundle"));
                assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/ssl/corporate"));
            }
        }
        var account = objects.stream().filter(o -> o instanceof io.fabric8.kubernetes.api.model.ServiceAccount).findFirst().orElseThrow();
        assertThat(account.getMetadata().getName()).isEqualTo("laneway-runner");
        assertThat(((io.fabric8.kubernetes.api.model.ServiceAccount) account).getAutomountServiceAccountToken()).isFalse();
        Map<String, io.fabric8.kubernetes.api.model.networking.v1.Ingress> ingresses = objects.stream()
                .filter(o -> o instanceof io.fabric8.kubernetes.api.model.networking.v1.Ingress)
                .map(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class::cast)
                .collect(Collectors.toMap(i -> i.getMetadata().getName(), i -> i));
        assertThat(ingresses).containsOnlyKeys("laneway-router", "laneway-projection");
        assertThat(ingresses.get("laneway-router").getSpec().getRules().getFirst().getHost()).isEqualTo("publish.example.com");
        assertThat(ingresses.get("laneway-router").getSpec().getTls()).singleElement().satisfies(t -> assertThat(t.getSecretName()).isEqualTo("publish-tls"));
        assertThat(ingresses.get("laneway-projection").getSpec().getTls()).isNullOrEmpty();
        assertThat(ingresses.get("laneway-router").getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(env(deployment(objects, "laneway-router")).get("LANEWAY_STATUS_BASE_URL").getValue()).isEqualTo("https://status.example.com");
        assertThat(render("(defaults)")).as("no Ingress unless asked for")
                .noneMatch(o -> o instanceof io.fabric8.kubernetes.api.model.networking.v1.Ingress);
    }

    /** The console's page calls the APIs the values name from the operator's browser: they let the projection's origin in. */
    @Test
    void theConsoleIsToldWhereTheApisAreAndEachNamedApiAllowsTheProjectionsOrigin() {
        List<HasMetadata> objects = render("ci/conventions-values.yaml");

        var projection = env(deployment(objects, "laneway-projection"));
        assertThat(projection.get("LANEWAY_CONSOLE_POOL_URL").getValue()).isEqualTo("https://pool.example.com");
        assertThat(projection.get("LANEWAY_CONSOLE_SAGA_URL").getValue()).isEqualTo("https://saga.example.com");
        assertThat(projection.get("LANEWAY_CONSOLE_GRAFANA_URL").getValue()).isEqualTo("https://grafana.example.com");
        assertThat(projection).as("no router URL given").doesNotContainKey("LANEWAY_CONSOLE_ROUTER_URL");
        for (String named : List.of("laneway-pool", "laneway-saga")) {
            assertThat(env(deployment(objects, named)).get("LANEWAY_SECURITY_CORSALLOWEDORIGINS").getValue()).as(named)
                    .isEqualTo("https://status.example.com");
        }
        assertThat(env(deployment(objects, "laneway-router"))).as("not named: no browser calls it").doesNotContainKey("LANEWAY_SECURITY_CORSALLOWEDORIGINS");
        assertThat(render("(defaults)")).filteredOn(o -> o instanceof Deployment)
                .allSatisfy(d -> assertThat(env((Deployment) d)).doesNotContainKeys("LANEWAY_SECURITY_CORSALLOWEDORIGINS", "LANEWAY_CONSOLE_POOL_URL"));
        assertThatThrownBy(() -> template().set("console.poolUrl", "https://pool.example.com").call())
                .as("the origin must be known").hasMessageContaining("projection.publicUrl is required");
    }

    /** Before install and upgrade a hook Job creates every topic the platform uses, with the partitions the values give. */
    @Test
    void aHookJobCreatesEveryTopicWithThePartitionsOfTheValues() {
        Job job = job(parse(templateWithHooks().set("topics.partitions.laneway\\.lane\\.fast", 24).call()), "laneway-topics");
        assertThat(job.getMetadata().getAnnotations()).containsEntry(HOOK, "pre-install,pre-upgrade");
        String script = job.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs().getFirst();
        Topics.all().forEach((topic, partitions) -> assertThat(script).as("creates %s", topic)
                .contains("create \"" + topic + "\" " + (topic.equals(Topics.LANE_FAST) ? 24 : partitions) + "\n"));
        assertThat(script).contains("create \"" + Topics.TYPES + "\" 1 --config cleanup.policy=compact",
                "create \"" + Topics.OUTBOX_POSITION + "\" 1 --config cleanup.policy=compact");

        var sasl = parse(templateWithHooks().withValuesFile(Repository.chart().resolve("ci/plain-credentials-values.yaml")).call());
        var saslJob = job(sasl, "laneway-topics");
        assertThat(saslJob.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv())
                .filteredOn(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null).isNotEmpty()
                .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("laneway-topics"));
        assertThat(sasl).as("SASL credentials given as values reach the Job through a hook Secret (the chart's own does not exist yet)")
                .anySatisfy(o -> {
                    assertThat(o.getKind()).isEqualTo("Secret");
                    assertThat(o.getMetadata().getName()).isEqualTo("laneway-topics");
                    assertThat(o.getMetadata().getAnnotations()).containsEntry(HOOK, "pre-install,pre-upgrade");
                });
        assertThat(parse(templateWithHooks().set("topics.create", false).call())).noneMatch(o -> o instanceof Job);
    }

    /** {@code helm test}: a pod that publishes through this release's router and awaits COMPLETED from its projection. */
    @Test
    void helmTestPublishesThroughTheReleasesRouterAndAwaitsItsStatus() {
        List<HasMetadata> objects = parse(templateWithHooks().set("tests.apiKeySecret", "laneway-test-key").call());
        var pod = (io.fabric8.kubernetes.api.model.Pod) objects.stream().filter(o -> o instanceof io.fabric8.kubernetes.api.model.Pod)
                .findFirst().orElseThrow();
        assertThat(pod.getMetadata().getAnnotations()).containsEntry(HOOK, "test");
        var env = pod.getSpec().getContainers().getFirst().getEnv().stream()
                .collect(Collectors.toMap(io.fabric8.kubernetes.api.model.EnvVar::getName, e -> e));
        var services = objects.stream().filter(o -> o instanceof io.fabric8.kubernetes.api.model.Service).map(o -> o.getMetadata().getName()).toList();
        assertThat(env.get("ROUTER").getValue()).isEqualTo("http://laneway-router:8081");
        assertThat(env.get("PROJECTION").getValue()).isEqualTo("http://laneway-projection:8084");
        assertThat(services).as("the test calls services the release has").contains("laneway-router", "laneway-projection");
        assertThat(env.get("API_KEY").getValueFrom().getSecretKeyRef().getName()).isEqualTo("laneway-test-key");
        assertThat(pod.getSpec().getContainers().getFirst().getArgs().getFirst()).contains("\"status\":\"COMPLETED\"", "$TIMEOUT_SECONDS");
        assertThat(parse(templateWithHooks().call())).as("no test without a key to publish with")
                .noneMatch(o -> o instanceof io.fabric8.kubernetes.api.model.Pod);
    }

    private static Job job(List<HasMetadata> objects, String name) {
        return objects.stream().filter(o -> o instanceof Job && o.getMetadata().getName().equals(name)).map(Job.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no Job " + name));
    }

    @Test
    void theTypedParseCatchesAMisspeltField() {
        HasMetadata typo = KUBERNETES.unmarshal("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  replica: 3
                  template:
                    spec:
                      containers:
                        - name: app
                          image: app
                          livenessProbe: {httpGet: {path: /, port: 80}, periodSecond: 5}
                """);
        assertThat(unknownFields(typo)).containsExactlyInAnyOrder(".Spec.replica", ".Spec.Template.Spec.Containers[0].LivenessProbe.periodSecond");
    }

    @Test
    void aMisspeltValueIsRejectedByTheSchema() {
        assertThatThrownBy(() -> template().set("rooter.replicas", 3).call())
                .hasMessageContaining("rooter");
        assertThatThrownBy(() -> template().set("kafka.securityProtocol", "SASL_SSLL").call())
                .hasMessageContaining("securityProtocol");
        assertThatThrownBy(() -> template().set("pool.autoscaling.maxReplica", 3).call())
                .hasMessageContaining("maxReplica");
    }

    @Test
    void saslWithoutCredentialsIsRefusedWithAMessageThatSaysWhatToSet() {
        assertThatThrownBy(() -> template().set("kafka.securityProtocol", "SASL_SSL").call())
                .hasMessageContaining("kafka.sasl.username");
    }

    private static Map<String, io.fabric8.kubernetes.api.model.EnvVar> env(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv().stream()
                .collect(Collectors.toMap(io.fabric8.kubernetes.api.model.EnvVar::getName, e -> e, (a, b) -> b));
    }

    private static Deployment deployment(List<HasMetadata> objects, String name) {
        return objects.stream().filter(o -> o instanceof Deployment && o.getMetadata().getName().equals(name))
                .map(Deployment.class::cast).findFirst().orElseThrow();
    }

    /** Paths of fields that landed in a model's additionalProperties: fields its Kubernetes type does not have. */
    static List<String> unknownFields(Object model) {
        List<String> unknown = new ArrayList<>();
        collectUnknown(model, "", unknown);
        return unknown;
    }

    @SuppressWarnings("unchecked")
    private static void collectUnknown(Object model, String path, List<String> unknown) {
        if (model == null) {
            return;
        }
        try {
            var getter = model.getClass().getMethod("getAdditionalProperties");
            Map<String, Object> extra = (Map<String, Object>) getter.invoke(model);
            if (extra != null) {
                extra.keySet().forEach(k -> unknown.add(path + "." + k));
            }
        } catch (NoSuchMethodException e) {
            return; // not a Kubernetes model (a String, a Quantity, ...)
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        for (var method : model.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || !method.getName().startsWith("get") || method.getName().equals("getAdditionalProperties")
                    || method.getName().equals("getClass")) {
                continue;
            }
            Object child;
            try {
                child = method.invoke(model);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            String childPath = path + "." + method.getName().substring(3);
            if (child instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    collectUnknown(list.get(i), childPath + "[" + i + "]", unknown);
                }
            } else if (child != null && child.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
                collectUnknown(child, childPath, unknown);
            }
        }
    }
}
