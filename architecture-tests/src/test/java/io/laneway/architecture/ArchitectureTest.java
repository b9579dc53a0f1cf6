package io.laneway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The codebase's rules (see the README's "Code map"), checked on every module's compiled classes. Each rule is a
 * constant so {@link ArchitectureRulesCanFailTest} proves it fails on code that breaks it.
 */
class ArchitectureTest {

    /** Packages depend on each other one way: a cycle makes two packages one, and neither readable alone. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.laneway.(**)").should().beFreeOfCycles();

    /** The handler SPI a team implements: the envelope contracts, Avro and JDBC, never the engine or Spring's container. */
    static final ArchRule HANDLER_SPI_IS_ENGINE_FREE = classes().that().resideInAPackage("io.laneway.pool.handler..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.laneway.pool.handler..", "io.laneway.contracts..",
                    "java..", "org.apache.avro..", "org.springframework.jdbc.core..");

    /**
     * Pure decisions (policies, backoff, classification, ordering, fingerprints, lane defaults) are plain functions with
     * table tests: no Spring, no Kafka client, no JDBC. Frameworks wire them at the edges.
     */
    static final ArchRule PURE_DECISIONS_ARE_FRAMEWORK_FREE = noClasses().that().resideInAnyPackage(
                    "io.laneway.pool.concurrency..", "io.laneway.pool.ordering..")
            .or().haveSimpleName("LaneDefaults").or().haveSimpleName("PoolTopics").or().haveSimpleNameEndingWith("Policies").or().haveSimpleNameEndingWith("Backoff")
            .or().haveSimpleNameEndingWith("Classifier").or().haveSimpleName("Fingerprint").or().haveSimpleName("FloodDetector")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..", "java.sql..",
                    "javax.sql..");

    /** Services talk through Kafka and HTTP contracts, never through each other's classes. */
    static final List<String> SERVICES = List.of("io.laneway.router..", "io.laneway.pool..", "io.laneway.poolservice..",
            "io.laneway.saga..", "io.laneway.projection..", "com.example.invoicing..");

    @Test
    void noPackageCyclesInAnyModule() {
        NO_PACKAGE_CYCLES.check(Codebase.all());
    }

    @Test
    void theHandlerSpiImportsNothingFromTheEngine() {
        HANDLER_SPI_IS_ENGINE_FREE.check(Codebase.of("pool-api"));
    }

    @Test
    void pureDecisionsAreFreeOfSpringKafkaAndJdbc() {
        PURE_DECISIONS_ARE_FRAMEWORK_FREE.check(Codebase.of("pool-spring-boot-starter"));
    }

    @ParameterizedTest(name = "{0} imports no other service")
    @ValueSource(strings = {"io.laneway.router..", "io.laneway.poolservice..", "io.laneway.saga..", "io.laneway.projection..",
            "com.example.invoicing.."})
    void noServiceImportsAnother(String service) {
        noServiceImportsAnother(service, Codebase.all());
    }

    static void noServiceImportsAnother(String service, JavaClasses classes) {
        String[] others = SERVICES.stream().filter(other -> !other.equals(service))
                // a service on the pool starter uses the engine's SPI: pool.handler is the API, not another service
                .filter(other -> !(other.equals("io.laneway.pool..") && (service.equals("io.laneway.poolservice..")
                        || service.equals("com.example.invoicing.."))))
                .toArray(String[]::new);
        noClasses().that().resideInAPackage(service).should().dependOnClassesThat().resideInAnyPackage(others)
                .allowEmptyShould(false).check(classes);
    }

    /** A service on the pool starter sees the handler SPI only: the engine can change under it. */
    static final ArchRule TEAM_SERVICES_USE_ONLY_THE_SPI = noClasses()
            .that().resideInAnyPackage("com.example.invoicing..", "io.laneway.poolservice..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.laneway.pool..")
                    .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("io.laneway.pool.handler..")))
                    .as("the pool engine (io.laneway.pool.* other than the handler SPI)"));

    @Test
    void teamServicesUseOnlyTheHandlerSpiOfThePool() {
        TEAM_SERVICES_USE_ONLY_THE_SPI.check(Codebase.all());
    }
}
