package io.laneway.router.publish;

import java.time.Duration;

/**
 * The router answers 503 ("not accepted, retry") when Kafka has not acknowledged a write within the ack wait. That is
 * only true if the producer has given the record up by then: its {@code delivery.timeout.ms} must end before the wait
 * does, or a record the caller was told to retry can still be written, and the retry writes it twice. Pure.
 */
final class AckBounds {

    /** Kafka's default when the producer sets none. */
    static final long KAFKA_DEFAULT_DELIVERY_TIMEOUT_MS = 120_000;

    private AckBounds() {
    }

    /** @param configuredDeliveryTimeout the producer's {@code delivery.timeout.ms} as configured (String, Number or null) */
    static void requireDeliveryEndsBeforeAckWait(Object configuredDeliveryTimeout, Duration ackWait) {
        long delivery = configuredDeliveryTimeout == null ? KAFKA_DEFAULT_DELIVERY_TIMEOUT_MS
                : Long.parseLong(String.valueOf(configuredDeliveryTimeout).trim());
        if (delivery >= ackWait.toMillis()) {
            throw new IllegalStateException("The producer's delivery.timeout.ms (" + delivery + " ms) must be shorter than "
                    + "laneway.router.kafka-ack-timeout (" + ackWait.toMillis() + " ms): otherwise a message the caller was told "
                    + "to retry (503) can still reach Kafka, and the retry writes it twice. Lower spring.kafka.producer.properties."
                    + "delivery.timeout.ms (it must stay >= linger.ms + request.timeout.ms) or raise the ack timeout.");
        }
    }
}
