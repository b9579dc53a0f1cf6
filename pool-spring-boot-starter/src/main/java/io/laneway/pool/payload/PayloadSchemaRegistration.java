package io.laneway.pool.payload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import io.laneway.contracts.registry.SchemaRegistryClient;
import io.laneway.contracts.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A service registers the payload schemas of the types it owns when it starts: every {@code <subject>.avsc} under
 * {@code payload-schemas/} on its class path, under BACKWARD_TRANSITIVE, so the router checks payloads at the door
 * against the owner's schema. A change the registry refuses as incompatible stops the start with a message naming the
 * subject and file; a registry that does not answer is only a warning (the router answers 503 for the type until it
 * does, and the pool's lanes wait for the registry anyway).
 */
public class PayloadSchemaRegistration implements ApplicationRunner, Ordered {

    private static final Logger log = LoggerFactory.getLogger(PayloadSchemaRegistration.class);

    private final SchemaRegistryClient registry;
    private final String locationPattern;

    public PayloadSchemaRegistration(SchemaRegistryClient registry, String locationPattern) {
        this.registry = registry;
        this.locationPattern = locationPattern;
    }

    /** Before the types that name these schemas are registered ({@code TypeRegistrar}). */
    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        registerAll();
    }

    /** @return the subjects registered */
    public List<String> registerAll() {
        List<String> registered = new ArrayList<>();
        for (Resource resource : resources()) {
            String subject = subjectOf(resource.getFilename());
            Schema schema = parse(resource);
            try {
                registry.register(subject, schema);
                registry.setCompatibility(subject, SchemaRegistryClient.BACKWARD_TRANSITIVE);
                registered.add(subject);
                log.info("Payload schema {} registered", subject);
            } catch (SchemaRegistryException e) {
                if (e.isIncompatibleSchema()) {
                    throw new IllegalStateException("Payload schema " + resource.getFilename() + " is not BACKWARD_TRANSITIVE "
                            + "compatible with the versions of subject '" + subject + "' in the registry at "
                            + registry.baseUrl() + ": " + e.getMessage() + ". Clients publish with the registered versions: add "
                            + "fields with defaults instead of changing or removing them, or register it under a new subject.", e);
                }
                log.warn("Payload schema {} not registered now ({}); the router answers 503 for its type until it is",
                        subject, e.getMessage());
            }
        }
        return registered;
    }

    /** Pure: {@code laneway.payload.invoicing.issue.avsc} is subject {@code laneway.payload.invoicing.issue}. */
    static String subjectOf(String fileName) {
        return fileName.replaceFirst("\\.avsc$", "");
    }

    private Resource[] resources() {
        try {
            return new PathMatchingResourcePatternResolver().getResources(locationPattern);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list payload schemas at " + locationPattern, e);
        }
    }

    private static Schema parse(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new Schema.Parser().parse(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Payload schema " + resource.getFilename() + " is not a valid Avro schema: "
                    + e.getMessage(), e);
        }
    }
}
