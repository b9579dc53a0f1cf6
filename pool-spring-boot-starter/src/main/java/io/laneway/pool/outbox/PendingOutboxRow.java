package io.laneway.pool.outbox;

/** An event serialized for the outbox, waiting for its envelope's savepoint to be released. */
public record PendingOutboxRow(String topic, String key, byte[] payload, String traceId) {
}
