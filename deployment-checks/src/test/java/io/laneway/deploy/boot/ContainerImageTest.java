package io.laneway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.laneway.infra.ChildProcess;
import io.laneway.infra.FreePorts;
import io.laneway.infra.JdkLocator;
import io.laneway.infra.LocalInfrastructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The images Jib built without a Docker daemon ({@code <service>/target/jib-image.tar}, OCI layout): non-root, JVM
 * flags for containers, dependencies in their own layer (a code change ships a small layer), and one service started
 * from the image's own layers and entrypoint. The default build assembles the layers on an empty base (no registry is
 * reachable here), so the entrypoint's {@code java} is the local JDK; everything else is the image's.
 */
class ContainerImageTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    record Image(Map<String, Object> config, List<Path> layers) {
        @SuppressWarnings("unchecked")
        Map<String, Object> runtime() {
            return (Map<String, Object>) config.get("config");
        }

        @SuppressWarnings("unchecked")
        List<String> entrypoint() {
            return (List<String>) runtime().get("Entrypoint");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"router-service", "consumer-pool-service", "saga-orchestrator", "projection-service"})
    void theImageRunsAsNonRootWithContainerJvmFlagsAndLayersDependenciesApart(String service) throws Exception {
        Image image = open(service);

        assertThat(image.runtime().get("User")).isEqualTo("1000:1000");
        assertThat(image.entrypoint()).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
        assertThat(image.entrypoint().getLast()).startsWith("io.laneway.");
        assertThat(image.layers()).hasSizeGreaterThanOrEqualTo(4);
        long largest = image.layers().stream().mapToLong(ContainerImageTest::size).max().orElseThrow();
        long classes = image.layers().stream().filter(l -> listing(l).contains("app/classes/")).mapToLong(ContainerImageTest::size)
                .findFirst().orElseThrow();
        assertThat(classes).as("the service's own classes layer is small next to its dependencies").isLessThan(largest / 20);
        // a Docker volume or emptyDir mounted on the Kafka Streams state directory starts with the image's mode
        assertThat(image.layers().stream().flatMap(l -> Tools.run(l.getParent(), null, List.of("tar", "tvzf", l.toString())).output().lines()))
                .as("the state directory is writable by the service's user (1000)")
                .anyMatch(line -> line.startsWith("drwxrwxrwx") && line.endsWith(" var/lib/laneway/state/"));
    }

    @Test
    void aServiceStartsFromItsImageLayoutAndBecomesReady() throws Exception {
        Image image = open("projection-service");
        Path root = Path.of("target", "image-root").toAbsolutePath();
        if (Files.exists(root)) {
            Tools.run(Path.of("."), null, List.of("rm", "-rf", root.toString()));
        }
        Files.createDirectories(root);
        for (Path layer : image.layers()) {
            Tools.Result untar = Tools.run(root, null, List.of("tar", "xzf", layer.toString()));
            assertThat(untar.exitCode()).as(untar.output()).isZero();
        }
        // the image's classpath file names /app/...: the same files, under the unpacked root
        Path classpath = root.resolve("app/jib-classpath-file");
        Files.writeString(root.resolve("classpath-here"), Files.readString(classpath).replace("/app/", root + "/app/"));
        List<String> command = new ArrayList<>();
        for (String part : image.entrypoint()) {
            command.add(part.equals("java") ? JdkLocator.javaExecutable(21).toString()
                    : part.equals("@/app/jib-classpath-file") ? "@" + root.resolve("classpath-here") : part);
        }
        LocalInfrastructure infra = LocalInfrastructure.shared();
        int port = FreePorts.next();
        command.addAll(List.of("--server.port=" + port, "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--laneway.schema-registry.url=" + infra.schemaRegistryUrl(), "--spring.kafka.streams.state-dir=" + root.resolve("state"),
                "--laneway.security.api-keys[0].key=image-test-key", "--laneway.security.api-keys[0].client=reader"));
        HttpClient http = HttpClient.newHttpClient();
        try (ChildProcess service = ChildProcess.start("projection-service-image", command, root, root.resolve("service.log"))) {
            service.awaitReady(Duration.ofSeconds(120), () -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            });
            var problem = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/orders/none"))
                            .header("X-API-Key", "image-test-key").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(problem.statusCode()).isIn(404, 503);
            assertThat(problem.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        }
    }

    @SuppressWarnings("unchecked")
    static Image open(String service) throws Exception {
        Path tar = Repository.root().resolve(service).resolve("target/jib-image.tar");
        assertThat(tar).as("built by the package phase (jib:buildTar)").exists();
        Path dir = Path.of("target", "images", service).toAbsolutePath();
        Files.createDirectories(dir);
        Tools.Result untar = Tools.run(dir, null, List.of("tar", "xf", tar.toString()));
        assertThat(untar.exitCode()).as(untar.output()).isZero();
        Map<String, Object> index = JSON.unmarshal(Files.readString(dir.resolve("index.json")), Map.class);
        String manifestDigest = ((Map<String, Object>) ((List<?>) index.get("manifests")).getFirst()).get("digest").toString();
        Map<String, Object> manifest = JSON.unmarshal(Files.readString(blob(dir, manifestDigest)), Map.class);
        Map<String, Object> config = JSON.unmarshal(Files.readString(blob(dir, ((Map<String, Object>) manifest.get("config")).get("digest").toString())), Map.class);
        List<Path> layers = ((List<Map<String, Object>>) manifest.get("layers")).stream().map(l -> blob(dir, l.get("digest").toString())).toList();
        return new Image(config, layers);
    }

    private static Path blob(Path dir, String digest) {
        return dir.resolve("blobs").resolve(digest.replace(':', '/'));
    }

    private static long size(Path layer) {
        try {
            return Files.size(layer);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String listing(Path layer) {
        return Tools.run(layer.getParent(), null, List.of("tar", "tzf", layer.toString())).output();
    }
}
