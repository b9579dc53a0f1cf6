package io.laneway.router.classify;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.laneway.contracts.envelope.Priority;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The router's own catalog seed, from configuration ({@code laneway.router.types.<name>.*}): the platform's types. The
 * types teams' services register at their start join it live ({@code io.laneway.router.catalog.Catalog}).
 */
@ConfigurationProperties("laneway.router")
public record TypeCatalog(
        Map<String, TypeSpec> types,
        @DefaultValue("30s") Duration longRunningThreshold,
        @DefaultValue("262144") int maxBodyBytes) {

    /**
     * @param maxAttempts      attempts the pool makes (the first included); stamped on the envelope
     * @param timeout          the envelope's deadline, from acceptance
     * @param orderingKeyField top-level payload field whose value orders this type's messages when the client
     *                         sends no {@code orderingKey} (e.g. {@code customerId}); null: each message alone
     * @param payloadSchema    registry subject of the payload's Avro schema; payloads are checked against its
     *                         latest version (null: not checked)
     * @param internal         the platform's own command (the saga's steps): accepted only from the ingress topic,
     *                         refused from REST with 403, because its handlers act on the platform's records
     * @param namespace        the topic namespace of the service that handles this type (its pool starter's
     *                         {@code laneway.pool.topic-namespace}): its envelopes go to {@code laneway.<namespace>.lane.*};
     *                         blank: the platform's own pool ({@code laneway.lane.*})
     * @param allowedClients   the only clients that may publish this type (empty: any client its policy allows)
     */
    public record TypeSpec(
            @DefaultValue("NORMAL") Priority defaultPriority,
            @DefaultValue("LIGHT") CostClass costClass,
            @DefaultValue("1s") Duration expectedDuration,
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("5m") Duration timeout,
            String orderingKeyField,
            String payloadSchema,
            @DefaultValue("false") boolean internal,
            String namespace,
            List<String> allowedClients) {

        public TypeSpec {
            allowedClients = allowedClients == null ? List.of() : List.copyOf(allowedClients);
        }

        /** The lane topic this type's envelopes are written to. */
        public String laneTopic(io.laneway.contracts.envelope.Lane lane) {
            return io.laneway.contracts.Topics.inNamespace(namespace, io.laneway.contracts.Topics.laneTopic(lane));
        }
    }

    public TypeCatalog {
        types = types == null ? Map.of() : new TreeMap<>(types);
    }

    public Optional<TypeSpec> find(String type) {
        return Optional.ofNullable(types.get(type));
    }

    /** The types a client may publish over REST (internal ones left out), for lists shown to clients. */
    public Map<String, TypeSpec> publicTypes() {
        Map<String, TypeSpec> open = new TreeMap<>();
        types.forEach((name, spec) -> {
            if (!spec.internal()) {
                open.put(name, spec);
            }
        });
        return open;
    }
}
