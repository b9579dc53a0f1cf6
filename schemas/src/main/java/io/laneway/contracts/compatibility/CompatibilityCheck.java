package io.laneway.contracts.compatibility;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * BACKWARD_TRANSITIVE, checked before anything reaches a registry: every current schema must be able to
 * read data written with every released version of the same schema. Released versions live in
 * {@code schemas/released/<version>/*.avsc}; a schema removed from the current set is a break, too.
 */
public final class CompatibilityCheck {

    public record Violation(String schema, String releasedVersion, String reason) {
        @Override
        public String toString() {
            return schema + " cannot read data written with release " + releasedVersion + ": " + reason;
        }
    }

    private CompatibilityCheck() {
    }

    public static List<Violation> check(Map<String, Schema> current, Path releasedRoot) {
        List<Violation> violations = new ArrayList<>();
        try (Stream<Path> versions = Files.list(releasedRoot)) {
            for (Path versionDir : versions.filter(Files::isDirectory).sorted().toList()) {
                String version = versionDir.getFileName().toString();
                SchemaSet.load(versionDir).forEach((name, released) -> {
                    Schema now = current.get(name);
                    if (now == null) {
                        violations.add(new Violation(name, version, "the schema was removed"));
                    } else {
                        violations.addAll(check(now, released, version));
                    }
                });
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return violations;
    }

    /** Can {@code reader} (the new schema) decode what {@code writer} (a released schema) wrote? */
    public static List<Violation> check(Schema reader, Schema writer, String releasedVersion) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        return result.getIncompatibilities().stream()
                .map(i -> new Violation(reader.getFullName(), releasedVersion,
                        i.getType() + " at " + i.getLocation() + ": " + i.getMessage()))
                .toList();
    }

    /** Build entry point: {@code CompatibilityCheck <current-avsc-dir> <released-root>}; exits 1 on a break. */
    public static void main(String[] args) {
        var violations = check(SchemaSet.load(Path.of(args[0])), Path.of(args[1]));
        violations.forEach(v -> System.err.println("INCOMPATIBLE: " + v));
        if (!violations.isEmpty()) {
            System.exit(1);
        }
        System.out.println("Schemas are BACKWARD_TRANSITIVE compatible with every released version.");
    }
}
