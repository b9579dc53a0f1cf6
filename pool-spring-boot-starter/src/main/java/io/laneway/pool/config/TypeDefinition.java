package io.laneway.pool.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A message type this service owns ({@code laneway.pool.types.<type>.*}), registered with every router at start: how
 * the router classifies it and what it accepts. Defaults as the router's own catalog entries.
 *
 * @param defaultPriority  CRITICAL, HIGH, NORMAL or LOW, when a client names none
 * @param costClass        LIGHT or COMPUTE_INTENSIVE (the heavy lane)
 * @param expectedDuration the handler's usual time (long ones go to the long-running lane)
 * @param maxAttempts      attempts the pool makes, the first included
 * @param timeout          the envelope's deadline, from acceptance
 * @param orderingKeyField top-level payload field whose value orders this type's messages when a client sends no key
 * @param payloadSchema    the registry subject payloads are checked against (this service registers it at start)
 * @param allowedClients   the only clients that may publish it (empty: any client the router's policy allows)
 * @param internal         only the platform's own services send it (through the ingress topic), never a REST client
 */
public record TypeDefinition(
        @DefaultValue("NORMAL") @Pattern(regexp = "CRITICAL|HIGH|NORMAL|LOW", message = "CRITICAL, HIGH, NORMAL or LOW")
        String defaultPriority,
        @DefaultValue("LIGHT") @Pattern(regexp = "LIGHT|COMPUTE_INTENSIVE", message = "LIGHT or COMPUTE_INTENSIVE") String costClass,
        @DefaultValue("1s") Duration expectedDuration, @DefaultValue("5") @Positive Integer maxAttempts,
        @DefaultValue("5m") Duration timeout, String orderingKeyField, String payloadSchema, List<String> allowedClients,
        @DefaultValue("false") Boolean internal) {

    public TypeDefinition {
        defaultPriority = defaultPriority == null ? "NORMAL" : defaultPriority.toUpperCase(java.util.Locale.ROOT);
        costClass = costClass == null ? "LIGHT" : costClass.toUpperCase(java.util.Locale.ROOT);
        expectedDuration = expectedDuration == null ? Duration.ofSeconds(1) : expectedDuration;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        timeout = timeout == null ? Duration.ofMinutes(5) : timeout;
        allowedClients = allowedClients == null ? List.of() : List.copyOf(allowedClients);
        internal = internal != null && internal;
    }
}
