package io.laneway.pool.processing;

/** An event serialized for the outbox, waiting for its envelope's savepoint to be released. */
record PendingOutboxRow(String topic, String key, byte[] payload, String traceId) {
}
