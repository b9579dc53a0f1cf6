package io.laneway.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Each rule of {@link ArchitectureTest} fails on fixture code that breaks it: a rule that cannot fail proves nothing. */
class ArchitectureRulesCanFailTest {

    private static JavaClasses fixtures(String... packages) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS).importPackages(packages);
    }

    @Test
    void aPackageCycleIsReported() {
        assertThatThrownBy(() -> ArchitectureTest.NO_PACKAGE_CYCLES.check(fixtures("io.laneway.architecture.fixture.cycle")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected");
    }

    @Test
    void anSpiClassUsingTheContainerIsReported() {
        assertThatThrownBy(() -> ArchitectureTest.HANDLER_SPI_IS_ENGINE_FREE.check(fixtures("io.laneway.pool.handler.fixture")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ApplicationContext");
    }

    @Test
    void aDecisionReadingSpringIsReported() {
        assertThatThrownBy(() -> ArchitectureTest.PURE_DECISIONS_ARE_FRAMEWORK_FREE.check(fixtures("io.laneway.pool.concurrency.fixture")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Environment");
    }

    @Test
    void aServiceImportingAnotherIsReported() {
        assertThatThrownBy(() -> ArchitectureTest.noServiceImportsAnother("io.laneway.saga..",
                fixtures("io.laneway.saga.fixture", "io.laneway.router.fixture")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("RouterThing");
    }
}
