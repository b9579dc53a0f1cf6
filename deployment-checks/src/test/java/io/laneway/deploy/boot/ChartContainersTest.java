package io.laneway.deploy.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChartContainersTest {

    private static final List<HasMetadata> OBJECTS = List.of(
            new ConfigMapBuilder().withNewMetadata().withName("config").endMetadata().withData(Map.of("KAFKA", "kafka:9092")).build(),
            new SecretBuilder().withNewMetadata().withName("credentials").endMetadata()
                    .withData(Map.of("user", Base64.getEncoder().encodeToString("ada".getBytes(StandardCharsets.UTF_8))))
                    .withStringData(Map.of("password", "s3cret")).build());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "$(USER)@host            | ada@host",
            "$(USER):$(PASSWORD)     | ada:s3cret",
            "$(UNDEFINED)            | $(UNDEFINED)",
            "$$(USER)                | $(USER)",
            "plain                   | plain",
    })
    void dependentVariablesExpandAsKubernetesExpandsThem(String value, String expected) {
        assertThat(ChartContainers.expand(value, Map.of("USER", "ada", "PASSWORD", "s3cret"))).isEqualTo(expected);
    }

    @Test
    void envFromThenEnvInOrderWithSecretConfigMapAndFieldReferencesResolved() {
        Container container = new ContainerBuilder().withName("router")
                .addNewEnvFrom().withNewConfigMapRef().withName("config").endConfigMapRef().endEnvFrom()
                .addNewEnv().withName("DB_USER").withNewValueFrom().withNewSecretKeyRef("user", "credentials", false).endValueFrom().endEnv()
                .addNewEnv().withName("DB_PASSWORD").withNewValueFrom().withNewSecretKeyRef("password", "credentials", false).endValueFrom().endEnv()
                .addNewEnv().withName("URL").withValue("postgres://$(DB_USER):$(DB_PASSWORD)@db").endEnv()
                .addNewEnv().withName("POD").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP").endFieldRef().endValueFrom().endEnv()
                .build();

        assertThat(ChartContainers.environment(container, "router-0", "ns", OBJECTS)).containsExactly(
                Map.entry("KAFKA", "kafka:9092"), Map.entry("DB_USER", "ada"), Map.entry("DB_PASSWORD", "s3cret"),
                Map.entry("URL", "postgres://ada:s3cret@db"), Map.entry("POD", "router-0"), Map.entry("IP", "127.0.0.1"));
    }

    @Test
    void aMissingSecretOrKeyFailsAsThePodWouldUnlessOptional() {
        Container missingSecret = new ContainerBuilder().addNewEnv().withName("X").withNewValueFrom()
                .withNewSecretKeyRef("user", "nowhere", false).endValueFrom().endEnv().build();
        Container missingKey = new ContainerBuilder().addNewEnv().withName("X").withNewValueFrom()
                .withNewSecretKeyRef("nokey", "credentials", false).endValueFrom().endEnv().build();
        Container optional = new ContainerBuilder().addNewEnv().withName("X").withNewValueFrom()
                .withNewSecretKeyRef("user", "nowhere", true).endValueFrom().endEnv().build();

        assertThatThrownBy(() -> ChartContainers.environment(missingSecret, "p", "ns", OBJECTS))
                .hasMessageContaining("CreateContainerConfigError").hasMessageContaining("secret \"nowhere\" not found");
        assertThatThrownBy(() -> ChartContainers.environment(missingKey, "p", "ns", OBJECTS))
                .hasMessageContaining("couldn't find key nokey in Secret credentials");
        assertThat(ChartContainers.environment(optional, "p", "ns", OBJECTS)).doesNotContainKey("X");
    }
}
