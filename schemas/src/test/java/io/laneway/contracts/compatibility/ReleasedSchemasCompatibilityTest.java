package io.laneway.contracts.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The build-time gate: {@code ./mvnw verify} fails when a schema change breaks a released version. */
class ReleasedSchemasCompatibilityTest {

    private static final Path CURRENT = Path.of("src/main/avro");
    private static final Path RELEASED = Path.of("released");

    @Test
    void currentSchemasReadEveryReleasedVersion() {
        var violations = CompatibilityCheck.check(SchemaSet.load(CURRENT), RELEASED);
        assertThat(violations).as("schema changes must stay BACKWARD_TRANSITIVE compatible").isEmpty();
    }

    @Test
    void aNewRequiredFieldWithoutDefaultIsRejected() {
        var current = new HashMap<>(SchemaSet.load(CURRENT));
        Schema broken = SchemaSet.load(Path.of("src/test/resources/incompatible")).get("io.laneway.contracts.envelope.Envelope");
        current.put(broken.getFullName(), broken);

        var violations = CompatibilityCheck.check(current, RELEASED);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.schema()).isEqualTo("io.laneway.contracts.envelope.Envelope");
            assertThat(v.reason()).contains("tenant");
        });
    }

    @Test
    void aRemovedSchemaIsRejected() {
        var current = new HashMap<>(SchemaSet.load(CURRENT));
        current.remove("io.laneway.contracts.order.OrderEvent");

        assertThat(CompatibilityCheck.check(current, RELEASED))
                .extracting(CompatibilityCheck.Violation::reason)
                .contains("the schema was removed");
    }

    @Test
    void anOptionalFieldWithDefaultIsAccepted() {
        Schema released = SchemaSet.load(CURRENT).get("io.laneway.contracts.lifecycle.LifecycleEvent");
        String evolvedJson = released.toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null},");
        Schema evolved = new Schema.Parser().parse(evolvedJson);

        assertThat(CompatibilityCheck.check(evolved, released, "test")).isEmpty();
    }
}
