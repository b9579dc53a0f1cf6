package io.laneway.router.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.laneway.contracts.catalog.TypeRegistration;
import io.laneway.router.classify.TypeCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Every type the router accepts: its configuration's seed ({@link TypeCatalog}, the platform's own types) and the types
 * services registered at their start ({@link LiveTypes}, from {@code laneway.types}). A registered type wins over a
 * seed entry of the same name: its owner is the authority. Every change is logged (who, which revision, what before)
 * and counted; a registered type whose owner has not been seen for {@code laneway.router.catalog.owner-stale-after}
 * is flagged stale (still accepted: its messages wait on its lanes).
 */
@Component
public class Catalog {

    private static final Logger log = LoggerFactory.getLogger(Catalog.class);

    private final TypeCatalog seed;
    private final Map<String, Registered> registered = new ConcurrentHashMap<>();
    private final Duration staleAfter;
    private final Clock clock;
    private final MeterRegistry meters;

    /** A type a service registered, as the router holds it. */
    public record Registered(TypeCatalog.TypeSpec spec, String owner, String revision, Instant seenAt) {
    }

    /** One line of {@code GET /v1/types}: the type, its definition's fields, and where it comes from. */
    public record Entry(String type, @JsonUnwrapped TypeCatalog.TypeSpec spec, String owner, String revision, Instant seenAt,
                        boolean stale) {
    }

    @Autowired
    public Catalog(TypeCatalog seed, CatalogProperties properties, MeterRegistry meters) {
        this(seed, properties.ownerStaleAfter(), Clock.systemUTC(), meters);
    }

    Catalog(TypeCatalog seed, Duration staleAfter, Clock clock, MeterRegistry meters) {
        this.seed = seed;
        this.staleAfter = staleAfter;
        this.clock = clock;
        this.meters = meters;
        Gauge.builder("laneway.router.catalog.types", registered, Map::size).tag("source", "registered")
                .description("Types services registered").register(meters);
        Gauge.builder("laneway.router.catalog.types", seed, s -> s.types().size()).tag("source", "seed")
                .description("Types from the router's configuration").register(meters);
        Gauge.builder("laneway.router.catalog.stale", this, Catalog::staleCount)
                .description("Registered types whose owning service has not been seen for owner-stale-after").register(meters);
    }

    public Optional<TypeCatalog.TypeSpec> find(String type) {
        Registered live = registered.get(type);
        return live != null ? Optional.of(live.spec()) : seed.find(type);
    }

    /** Every type, by name. */
    public Map<String, TypeCatalog.TypeSpec> types() {
        Map<String, TypeCatalog.TypeSpec> all = new TreeMap<>(seed.types());
        registered.forEach((type, live) -> all.put(type, live.spec()));
        return all;
    }

    /** The types a client may publish over REST (internal ones left out), for lists shown to clients. */
    public Map<String, TypeCatalog.TypeSpec> publicTypes() {
        Map<String, TypeCatalog.TypeSpec> open = new TreeMap<>();
        types().forEach((type, spec) -> {
            if (!spec.internal()) {
                open.put(type, spec);
            }
        });
        return open;
    }

    /** The public types with where each comes from, for people. */
    public List<Entry> entries() {
        Instant now = clock.instant();
        return publicTypes().keySet().stream().map(type -> {
            Registered live = registered.get(type);
            return live == null ? new Entry(type, seed.types().get(type), "router configuration", null, null, false)
                    : new Entry(type, live.spec(), live.owner(), live.revision(), live.seenAt(), isStale(live.seenAt(), now, staleAfter));
        }).toList();
    }

    /** A registration read from {@code laneway.types}: a new type, a changed one, or its owner's heartbeat. */
    public void apply(TypeRegistration registration) {
        String type = registration.getType();
        Registered next = new Registered(TypeRegistrations.specOf(registration), registration.getOwner(), registration.getRevision(),
                registration.getSeenAt());
        Registered previous = registered.put(type, next);
        if (previous == null) {
            audit("added", type, next, null);
        } else if (!previous.revision().equals(next.revision()) || !previous.owner().equals(next.owner())) {
            audit("changed", type, next, previous);
        }
    }

    /** A tombstone on {@code laneway.types}: the type is withdrawn (the seed's entry, if any, applies again). */
    public void remove(String type) {
        Registered previous = registered.remove(type);
        if (previous != null) {
            audit("removed", type, null, previous);
        }
    }

    private void audit(String change, String type, Registered now, Registered before) {
        Counter.builder("laneway.router.catalog.changes").tag("change", change).register(meters).increment();
        log.info("Catalog {}: type={} owner={} revision={} previousOwner={} previousRevision={}", change, type,
                now == null ? null : now.owner(), now == null ? null : now.revision(),
                before == null ? null : before.owner(), before == null ? null : before.revision());
    }

    private double staleCount() {
        Instant now = clock.instant();
        return registered.values().stream().filter(r -> isStale(r.seenAt(), now, staleAfter)).count();
    }

    /** Pure: an owner not seen for longer than {@code staleAfter} is presumed gone. */
    static boolean isStale(Instant seenAt, Instant now, Duration staleAfter) {
        return seenAt == null || seenAt.plus(staleAfter).isBefore(now);
    }
}
