package io.laneway.pool.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.laneway.pool.config.TypeDefinition;
import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import io.laneway.pool.processing.HandlerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a service registers about its types: defaults, a revision that changes exactly with the definition, handlers. */
class TypeRegistrationsTest {

    private static final TypeDefinition DEFAULTS = new TypeDefinition(null, null, null, null, null, null, null, null, null);

    @Test
    void aDefinitionLeftEmptyGetsTheCatalogDefaults() {
        var registration = TypeRegistrations.of("team.thing", DEFAULTS, "team-service", "", Instant.EPOCH);
        assertThat(registration.getDefaultPriority()).isEqualTo("NORMAL");
        assertThat(registration.getCostClass()).isEqualTo("LIGHT");
        assertThat(registration.getExpectedDurationMillis()).isEqualTo(1_000);
        assertThat(registration.getMaxAttempts()).isEqualTo(5);
        assertThat(registration.getNamespace()).as("blank: the platform's lanes").isNull();
        assertThat(registration.getAllowedClients()).isEmpty();
    }

    @ParameterizedTest(name = "{0} changes the revision")
    @ValueSource(strings = {"priority", "cost", "duration", "attempts", "timeout", "key", "schema", "clients", "internal", "namespace"})
    void everyFieldOfTheDefinitionChangesTheRevision(String field) {
        String base = TypeRegistrations.revision("team.thing", DEFAULTS, "team");
        TypeDefinition changed = switch (field) {
            case "priority" -> new TypeDefinition("HIGH", null, null, null, null, null, null, null, null);
            case "cost" -> new TypeDefinition(null, "COMPUTE_INTENSIVE", null, null, null, null, null, null, null);
            case "duration" -> new TypeDefinition(null, null, Duration.ofSeconds(2), null, null, null, null, null, null);
            case "attempts" -> new TypeDefinition(null, null, null, 3, null, null, null, null, null);
            case "timeout" -> new TypeDefinition(null, null, null, null, Duration.ofMinutes(1), null, null, null, null);
            case "key" -> new TypeDefinition(null, null, null, null, null, "customer", null, null, null);
            case "schema" -> new TypeDefinition(null, null, null, null, null, null, "laneway.payload.x", null, null);
            case "clients" -> new TypeDefinition(null, null, null, null, null, null, null, List.of("acme"), null);
            case "internal" -> new TypeDefinition(null, null, null, null, null, null, null, null, true);
            default -> DEFAULTS;
        };
        String namespace = field.equals("namespace") ? "other" : "team";
        assertThat(TypeRegistrations.revision("team.thing", changed, namespace)).isNotEqualTo(base);
        assertThat(TypeRegistrations.revision("team.thing", DEFAULTS, "team")).as("and only a change does").isEqualTo(base);
    }

    @Test
    void aTypeDeclaredWithoutAHandlerStopsTheStart() {
        HandlerRegistry handlers = new HandlerRegistry(List.of(handlerOf("team.handled")));

        TypeRegistrar.requireHandlers(Map.of("team.handled", DEFAULTS), handlers);
        assertThatThrownBy(() -> TypeRegistrar.requireHandlers(Map.of("team.handled", DEFAULTS, "team.orphan", DEFAULTS), handlers))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[team.orphan]").hasMessageContaining("no EnvelopeHandler");
    }

    private static EnvelopeHandler<String> handlerOf(String type) {
        return new EnvelopeHandler<>() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Class<String> payloadType() {
                return String.class;
            }

            @Override
            public void handle(String payload, HandlerContext context) {
            }
        };
    }
}
