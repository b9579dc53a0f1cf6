package io.laneway.architecture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/** Every module's compiled main classes ({@code <module>/target/classes}), read once per test JVM. */
final class Codebase {

    /** The modules whose code lands in a running service or the launcher. */
    static final List<String> MODULES = List.of("schemas", "local-infrastructure", "edge-spring-boot-starter",
            "router-service", "pool-api", "pool-spring-boot-starter", "consumer-pool-service", "examples/invoicing-service",
            "saga-orchestrator", "projection-service", "launcher", "client");

    private static JavaClasses all;

    private Codebase() {
    }

    static synchronized JavaClasses all() {
        if (all == null) {
            all = new ClassFileImporter().importPaths(MODULES.stream().map(Codebase::classesOf).toList());
        }
        return all;
    }

    static Path classesOf(String module) {
        Path classes = Path.of("..").resolve(module).resolve("target/classes").toAbsolutePath().normalize();
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException(classes + " is missing: build the module first (./mvnw install -DskipTests)");
        }
        return classes;
    }

    static JavaClasses of(String module) {
        return new ClassFileImporter().importPath(classesOf(module));
    }
}
