package io.laneway.router.payload;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;

import io.laneway.contracts.envelope.Priority;
import io.laneway.infra.LocalInfrastructure;
import io.laneway.router.RouterApplication;
import io.laneway.router.classify.CostClass;
import io.laneway.router.classify.TypeCatalog.TypeSpec;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A catalog entry naming a payload schema subject the registry does not have stops the router's start. */
class CatalogSubjectsTest {

    @Test
    void onlyASubjectTheRegistryDoesNotHaveStopsTheStart() {
        Map<String, TypeSpec> types = Map.of("a.typed", spec("laneway.payload.a"), "b.untyped", spec(null), "c.blank", spec(" "));

        assertThatCode(() -> PayloadSchemas.requireCatalogSubjects(types, Set.of("laneway.payload.a")::contains, "http://registry"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> PayloadSchemas.requireCatalogSubjects(types, subject -> false, "http://registry"))
                .hasMessageContaining("Catalog type 'a.typed' names payload schema subject 'laneway.payload.a'")
                .hasMessageContaining("http://registry").hasMessageContaining("laneway.router.types.[a.typed].payload-schema");
    }

    @Test
    void aRouterWithAMisspeltSubjectDoesNotStart() {
        LocalInfrastructure infra = LocalInfrastructure.shared();
        var args = new ArrayList<>(LocalInfrastructure.asArguments(infra.springProperties("router_test")));
        args.add("--server.port=0");
        args.add("--spring.kafka.listener.auto-startup=false");
        args.add("--laneway.router.types.[test.misspelt].payload-schema=laneway.payload.no-such-subject");

        assertThatThrownBy(() -> new SpringApplicationBuilder(RouterApplication.class).run(args.toArray(String[]::new)).close())
                .hasStackTraceContaining("names payload schema subject 'laneway.payload.no-such-subject'");
    }

    private static TypeSpec spec(String payloadSchema) {
        return new TypeSpec(Priority.NORMAL, CostClass.LIGHT, Duration.ofSeconds(1), 5, Duration.ofMinutes(5), null, payloadSchema, false, null, null);
    }
}
