package io.laneway.pool.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laneway.contracts.registry.SchemaRegistryClient;
import io.laneway.infra.LocalInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * A service registers its payload schemas at start under BACKWARD_TRANSITIVE: a compatible change goes in, an
 * incompatible one stops the start with a message naming the subject and what to do (real Apicurio registry).
 */
class PayloadSchemaRegistrationTest {

    private static final String SUBJECT = "laneway.payload.test.evolving";
    private final SchemaRegistryClient registry = SchemaRegistryClient.forUrl(LocalInfrastructure.shared().schemaRegistryUrl());

    @Test
    void aCompatibleChangeRegistersAndAnIncompatibleOneStopsTheStart() {
        assertThat(at("v1").registerAll()).containsExactly(SUBJECT);
        assertThat(registry.compatibility(SUBJECT)).isEqualTo(SchemaRegistryClient.BACKWARD_TRANSITIVE);

        assertThat(at("v2-compatible").registerAll()).as("a field added with a default").containsExactly(SUBJECT);

        assertThatThrownBy(() -> at("v2-incompatible").registerAll())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("laneway.payload.test.evolving.avsc is not BACKWARD_TRANSITIVE compatible")
                .hasMessageContaining("subject '" + SUBJECT + "'");
        assertThat(registry.latestSchema(SUBJECT).getField("amountCents").schema().getType().getName())
                .as("the registry kept the compatible version").isEqualTo("long");
    }

    private PayloadSchemaRegistration at(String version) {
        return new PayloadSchemaRegistration(registry, "classpath*:schema-evolution/" + version + "/*.avsc");
    }
}
