package io.laneway.router.payload;

import io.laneway.payload.JsonToAvro;
import io.laneway.payload.PayloadValidator;
import io.laneway.registry.SchemaRegistryProperties;
import io.laneway.router.config.RouterProperties;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.concurrent.Executors;

import com.github.benmanes.caffeine.cache.Ticker;
import io.laneway.contracts.registry.SchemaRegistryClient;
import io.laneway.contracts.registry.SchemaRegistryException;
import io.laneway.contracts.serde.PayloadCodec;
import io.laneway.router.classify.TypeCatalog;
import io.laneway.router.rejection.InvalidRequestException;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Payload schemas per message type, kept in the schema registry. A type whose catalog entry names a
 * {@code payload-schema} subject has every payload checked against that subject's latest version (re-read
 * in the background every minute, {@code laneway.router.payload-schema-refresh}, so a schema evolved in the registry
 * applies without a restart; see {@link LatestSchemas}). The schemas shipped in
 * {@code payload-schemas/<subject>.avsc} are registered at start-up under BACKWARD_TRANSITIVE, so the
 * registry refuses an incompatible change.
 */
@Component
public class PayloadSchemas implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PayloadSchemas.class);
    private static final int SHOWN_VIOLATIONS = 10;

    private final SchemaRegistryClient registry;
    private final LatestSchemas<SchemaRegistryClient.Registered> latest;
    private final TypeCatalog catalog;

    public PayloadSchemas(SchemaRegistryProperties registryProperties, RouterProperties router, TypeCatalog catalog) {
        this.catalog = catalog;
        this.registry = SchemaRegistryClient.forUrl(registryProperties.url());
        Duration refresh = router.payloadSchemaRefresh();
        // a re-read may wait on the registry for seconds: a virtual thread of its own, not a common-pool worker
        this.latest = new LatestSchemas<>(registry::latest, refresh,
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("payload-schema-refresh-", 0).factory()), Ticker.systemTicker());
    }

    /**
     * At start, before the router reports ready: the shipped schemas are registered, then every catalog type's
     * {@code payload-schema} subject must exist in the registry. A misspelt subject stops the start with a message naming
     * it, instead of answering every request of that type with 503. A registry that does not answer is not a reason to
     * stop: requests then get 503 until it does.
     */
    @Override
    public void run(ApplicationArguments arguments) {
        registerShippedSchemas();
        requireCatalogSubjects(catalog.types(), subject -> {
            try {
                registry.latestSchema(subject);
                return true;
            } catch (SchemaRegistryException e) {
                if (e.httpStatus() == 404) {
                    return false;
                }
                log.warn("Cannot check payload schema subject {} now ({}); its type answers 503 until the registry does", subject,
                        e.getMessage());
                return true;
            }
        }, registry.baseUrl());
    }

    /** Pure: the catalog's subjects checked with {@code exists}; the first missing one stops the start. */
    static void requireCatalogSubjects(Map<String, TypeCatalog.TypeSpec> types, Predicate<String> exists, String registryUrl) {
        types.forEach((type, spec) -> {
            String subject = spec.payloadSchema();
            if (subject != null && !subject.isBlank() && !exists.test(subject)) {
                throw new IllegalStateException("Catalog type '" + type + "' names payload schema subject '" + subject
                        + "', which the schema registry at " + registryUrl + " does not have (and the router ships no "
                        + "payload-schemas/" + subject + ".avsc). Fix laneway.router.types.[" + type + "].payload-schema, or "
                        + "register the schema under that subject first.");
            }
        });
    }

    void registerShippedSchemas() {
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:payload-schemas/*.avsc")) {
                String subject = resource.getFilename().replaceFirst("\\.avsc$", "");
                try (InputStream in = resource.getInputStream()) {
                    Schema schema = new Schema.Parser().parse(in);
                    registry.register(subject, schema);
                    registry.setCompatibility(subject, SchemaRegistryClient.BACKWARD_TRANSITIVE);
                    log.info("Payload schema {} registered", subject);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Registering the shipped payload schemas failed (validation loads them when the registry answers): {}",
                    e.toString());
        }
    }

    /** Throws a 422 listing what is wrong when the payload does not match its type's schema. */
    public void check(String type, TypeCatalog.TypeSpec spec, JsonNode payload) {
        if (spec.payloadSchema() == null || spec.payloadSchema().isBlank()) {
            return;
        }
        List<String> violations = PayloadValidator.violations(payload, registered(spec.payloadSchema()).schema());
        if (!violations.isEmpty()) {
            String shown = String.join("; ", violations.subList(0, Math.min(SHOWN_VIOLATIONS, violations.size())));
            throw new InvalidRequestException(HttpStatus.UNPROCESSABLE_CONTENT, "Payload does not match its schema",
                    "The payload of this '" + type + "' message does not match schema " + spec.payloadSchema() + ": " + shown
                            + (violations.size() > SHOWN_VIOLATIONS ? " (and " + (violations.size() - SHOWN_VIOLATIONS) + " more)" : ""));
        }
    }

    /**
     * The payload as it travels: for a type with a payload schema, the checked JSON as Avro in the Confluent framing with
     * the schema's registry id (any consumer with the registry URL reads it); otherwise the JSON as sent.
     */
    public byte[] encode(TypeCatalog.TypeSpec spec, JsonNode payload, Supplier<byte[]> json) {
        if (spec.payloadSchema() == null || spec.payloadSchema().isBlank()) {
            return json.get();
        }
        SchemaRegistryClient.Registered schema = registered(spec.payloadSchema());
        return PayloadCodec.encode(schema.id(), schema.schema(), JsonToAvro.convert(payload, schema.schema()));
    }

    private SchemaRegistryClient.Registered registered(String subject) {
        try {
            return latest.latest(subject);
        } catch (RuntimeException e) {
            throw new PayloadSchemaUnavailableException(subject, e);
        }
    }
}
