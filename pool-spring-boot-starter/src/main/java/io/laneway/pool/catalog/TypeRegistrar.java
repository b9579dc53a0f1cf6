package io.laneway.pool.catalog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.laneway.contracts.Topics;
import io.laneway.pool.config.PoolProperties;
import io.laneway.pool.config.TypeDefinition;
import io.laneway.pool.processing.HandlerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Registers the types this service owns ({@code laneway.pool.types}) on {@code laneway.types} when it starts (after its
 * payload schemas, so a router never meets a type whose schema is missing) and again every
 * {@code laneway.pool.type-heartbeat}, so every router replica accepts them without a restart and notices when their
 * owner is gone. A type named here without a handler in this service stops the start: its messages would reach this
 * service's lanes and fail there.
 */
public class TypeRegistrar implements ApplicationRunner, Ordered {

    private static final Logger log = LoggerFactory.getLogger(TypeRegistrar.class);

    private final PoolProperties properties;
    private final HandlerRegistry handlers;
    private final KafkaTemplate<String, Object> kafka;
    private final String owner;
    private final Clock clock;

    public TypeRegistrar(PoolProperties properties, HandlerRegistry handlers, KafkaTemplate<String, Object> kafka, String owner,
                         Clock clock) {
        this.properties = properties;
        this.handlers = handlers;
        this.kafka = kafka;
        this.owner = owner;
        this.clock = clock;
        requireHandlers(properties.types(), handlers);
    }

    /** Pure check, at construction: every type this service registers has a handler here. */
    static void requireHandlers(Map<String, TypeDefinition> types, HandlerRegistry handlers) {
        List<String> missing = new ArrayList<>();
        types.keySet().stream().sorted().filter(type -> handlers.find(type).isEmpty()).forEach(missing::add);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("laneway.pool.types names " + missing + ", but this service has no EnvelopeHandler "
                    + "for " + (missing.size() == 1 ? "it" : "them") + ": add a handler bean whose type() is the type's name, or "
                    + "remove the entry (its messages would reach this service's lanes and be dead-lettered).");
        }
    }

    /** After {@link io.laneway.pool.payload.PayloadSchemaRegistration}: a type's schema is in the registry first. */
    @Override
    public int getOrder() {
        return 10;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (!properties.types().isEmpty()) {
            sendAll(true);
        }
    }

    /** The heartbeat: the same registrations with a new {@code seenAt}. */
    @Scheduled(fixedDelayString = "${laneway.pool.type-heartbeat:30s}", initialDelayString = "${laneway.pool.type-heartbeat:30s}")
    void heartbeat() {
        if (!properties.types().isEmpty()) {
            sendAll(false);
        }
    }

    private void sendAll(boolean atStart) {
        var now = clock.instant();
        properties.types().forEach((type, definition) -> {
            var registration = TypeRegistrations.of(type, definition, owner, properties.topicNamespace(), now);
            try {
                kafka.send(Topics.TYPES, type, registration).get(10, TimeUnit.SECONDS);
                if (atStart) {
                    log.info("Type {} registered (owner {}, revision {}, namespace '{}')", type, owner, registration.getRevision(),
                            properties.topicNamespace());
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.warn("Registering type {} failed ({}); sent again at the next heartbeat", type, e.toString());
            }
        });
    }
}
