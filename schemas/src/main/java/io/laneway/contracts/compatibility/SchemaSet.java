package io.laneway.contracts.compatibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.AvroRuntimeException;

/**
 * The top-level schemas of one folder of .avsc files, keyed by full name. Files may reference named types
 * defined in other files of the folder; they are parsed in whatever order resolves those references.
 */
public final class SchemaSet {

    private SchemaSet() {
    }

    public static Map<String, Schema> load(Path folder) {
        List<Path> pending;
        try (Stream<Path> files = Files.list(folder)) {
            pending = new ArrayList<>(files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
        Map<String, Schema> known = new LinkedHashMap<>();
        Map<String, Schema> topLevel = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            List<Path> unresolved = new ArrayList<>();
            AvroRuntimeException lastError = null;
            for (Path file : pending) {
                try {
                    Schema.Parser parser = new Schema.Parser().addTypes(known.values());
                    Schema schema = parser.parse(Files.readString(file));
                    known.putAll(parser.getTypes());
                    topLevel.put(schema.getFullName(), schema);
                } catch (AvroRuntimeException e) { // undefined name: a file it references is not parsed yet
                    unresolved.add(file);
                    lastError = e;
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + file, e);
                }
            }
            if (unresolved.size() == pending.size()) {
                throw new IllegalStateException("Cannot parse " + unresolved + ": " + lastError.getMessage(), lastError);
            }
            pending = unresolved;
        }
        return topLevel;
    }
}
