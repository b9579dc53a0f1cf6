package io.laneway.router.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code laneway.router.*}: how the router answers and writes (the type catalog, rate limits, backpressure and client
 * policies have records of their own under the same prefix).
 *
 * @param statusBaseUrl        where a publish's status link points (the projection's public URL)
 * @param kafkaAckTimeout      the longest a request may wait for the broker: the producer's delivery.timeout.ms must end
 *                             first (it fails the write, and the caller gets a 503)
 * @param idempotencyWindow    a retried POST with the same Idempotency-Key (per client) within it gets the original answer
 * @param lifecycleLinger      the ROUTED events' producer linger (they are informational: batching them is cheap)
 * @param payloadSchemaRefresh how often a type's payload schema is re-read from the registry
 * @param learning             how expected durations are learned from the pool's lifecycle events
 */
@Validated
@ConfigurationProperties("laneway.router")
public record RouterProperties(@NotBlank String statusBaseUrl, Duration kafkaAckTimeout, Duration idempotencyWindow,
                               Duration lifecycleLinger, Duration payloadSchemaRefresh, @Valid Learning learning) {

    public RouterProperties {
        statusBaseUrl = statusBaseUrl == null ? "http://127.0.0.1:8084" : statusBaseUrl;
        kafkaAckTimeout = kafkaAckTimeout == null ? Duration.ofSeconds(5) : kafkaAckTimeout;
        idempotencyWindow = idempotencyWindow == null ? Duration.ofHours(24) : idempotencyWindow;
        lifecycleLinger = lifecycleLinger == null ? Duration.ofMillis(20) : lifecycleLinger;
        payloadSchemaRefresh = payloadSchemaRefresh == null ? Duration.ofMinutes(1) : payloadSchemaRefresh;
        learning = learning == null ? new Learning(null, null) : learning;
    }

    /** Where a client follows a message it published: the projection's status view of it. */
    public String statusUrl(String messageId) {
        return statusBaseUrl + "/v1/messages/" + messageId;
    }

    /**
     * @param window         the handler durations kept per type (a moving window)
     * @param minimumSamples durations seen before a type's learned duration replaces its catalog one
     */
    public record Learning(@Positive Integer window, @Positive Integer minimumSamples) {

        public Learning {
            window = window == null ? 200 : window;
            minimumSamples = minimumSamples == null ? 20 : minimumSamples;
        }
    }
}
