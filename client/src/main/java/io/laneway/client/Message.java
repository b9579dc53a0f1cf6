package io.laneway.client;

import java.util.UUID;

/**
 * One message to publish: its type, its payload (any object Jackson writes as a JSON object: a record of yours, a map),
 * and the optional priority, ordering key, correlation id and idempotency key. Without an idempotency key the client
 * makes one, so its own retries of this message are never two messages.
 */
public record Message(String type, Object payload, String priority, String orderingKey, String correlationId,
                      String idempotencyKey) {

    public Message {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("a message needs its type");
        }
        if (payload == null) {
            throw new IllegalArgumentException("a message needs a payload (a JSON object)");
        }
        idempotencyKey = idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID().toString() : idempotencyKey;
    }

    public static Message of(String type, Object payload) {
        return new Message(type, payload, null, null, null, null);
    }

    public Message withPriority(String value) {
        return new Message(type, payload, value, orderingKey, correlationId, idempotencyKey);
    }

    public Message withOrderingKey(String value) {
        return new Message(type, payload, priority, value, correlationId, idempotencyKey);
    }

    public Message withCorrelationId(String value) {
        return new Message(type, payload, priority, orderingKey, value, idempotencyKey);
    }

    /** The key the router deduplicates on (per client): the same key within its window gets the first answer. */
    public Message withIdempotencyKey(String value) {
        return new Message(type, payload, priority, orderingKey, correlationId, value);
    }
}
