package io.laneway.deploy.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.laneway.deploy.Tools;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The images Jib built without a Docker daemon ({@code <service>/target/jib-image.tar}, OCI layout): non-root, JVM
 * flags for containers, dependencies in their own layer (a code change ships a small layer), a state directory its user
 * can write. {@link ChartBootTest} and {@link ComposeBootTest} start every service from these layers.
 */
class ContainerImageTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"router-service", "consumer-pool-service", "saga-orchestrator", "projection-service"})
    void theImageRunsAsNonRootWithContainerJvmFlagsAndLayersDependenciesApart(String service) throws Exception {
        OciImage image = OciImage.of(service);

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
