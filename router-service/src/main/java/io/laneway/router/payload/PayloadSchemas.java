package io.laneway.router.payload;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import com.github.benmanes.caffeine.cache.Ticker;
import io.laneway.contracts.registry.SchemaRegistryClient;
import io.laneway.router.classify.TypeCatalog;
import io.laneway.router.ingest.InvalidRequestException;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
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
public class PayloadSchemas {

    private static final Logger log = LoggerFactory.getLogger(PayloadSchemas.class);
    private static final int SHOWN_VIOLATIONS = 10;

    private final SchemaRegistryClient registry;
    private final LatestSchemas latest;

    public PayloadSchemas(@Value("${laneway.schema-registry.url}") String registryUrl,
                          @Value("${laneway.router.payload-schema-refresh:1m}") Duration refresh) {
        this.registry = SchemaRegistryClient.forUrl(registryUrl);
        // a re-read may wait on the registry for seconds: a virtual thread of its own, not a common-pool worker
        this.latest = new LatestSchemas(registry::latestSchema, refresh,
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("payload-schema-refresh-", 0).factory()), Ticker.systemTicker());
    }

    @EventListener(ApplicationReadyEvent.class)
    public void registerShippedSchemas() {
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
        List<String> violations = PayloadValidator.violations(payload, schema(spec.payloadSchema()));
        if (!violations.isEmpty()) {
            String shown = String.join("; ", violations.subList(0, Math.min(SHOWN_VIOLATIONS, violations.size())));
            throw new InvalidRequestException(HttpStatus.UNPROCESSABLE_CONTENT, "Payload does not match its schema",
                    "The payload of this '" + type + "' message does not match schema " + spec.payloadSchema() + ": " + shown
                            + (violations.size() > SHOWN_VIOLATIONS ? " (and " + (violations.size() - SHOWN_VIOLATIONS) + " more)" : ""));
        }
    }

    private Schema schema(String subject) {
        try {
            return latest.latest(subject);
        } catch (RuntimeException e) {
            throw new PayloadSchemaUnavailableException(subject, e);
        }
    }
}
