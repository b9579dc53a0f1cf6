package io.laneway.pool.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import io.laneway.contracts.catalog.TypeRegistration;
import io.laneway.pool.config.TypeDefinition;

/** Pure: what this service tells the routers about a type it owns. */
public final class TypeRegistrations {

    private TypeRegistrations() {
    }

    public static TypeRegistration of(String type, TypeDefinition definition, String owner, String namespace, Instant seenAt) {
        return TypeRegistration.newBuilder()
                .setType(type)
                .setOwner(owner)
                .setRevision(revision(type, definition, namespace))
                .setNamespace(namespace == null || namespace.isBlank() ? null : namespace)
                .setDefaultPriority(definition.defaultPriority())
                .setCostClass(definition.costClass())
                .setExpectedDurationMillis(definition.expectedDuration().toMillis())
                .setMaxAttempts(definition.maxAttempts())
                .setTimeoutMillis(definition.timeout().toMillis())
                .setOrderingKeyField(definition.orderingKeyField())
                .setPayloadSchema(definition.payloadSchema())
                .setAllowedClients(definition.allowedClients())
                .setInternal(definition.internal())
                .setSeenAt(seenAt)
                .build();
    }

    /**
     * The definition's digest (12 hex digits of SHA-256): the same definition, the same revision, whichever replica or
     * restart sends it; any change in it, another revision (the router logs and counts each change).
     */
    public static String revision(String type, TypeDefinition definition, String namespace) {
        String canonical = String.join("|", type, String.valueOf(namespace), definition.defaultPriority(), definition.costClass(),
                String.valueOf(definition.expectedDuration().toMillis()), String.valueOf(definition.maxAttempts()),
                String.valueOf(definition.timeout().toMillis()), String.valueOf(definition.orderingKeyField()),
                String.valueOf(definition.payloadSchema()), String.join(",", definition.allowedClients()),
                String.valueOf(definition.internal()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
