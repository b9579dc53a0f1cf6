package io.laneway.router.ingest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * What a client posts to {@code /v1/messages}. Priority is a string so an unknown value gets a precise
 * error naming the allowed ones (an enum would fail inside JSON parsing with a generic message).
 */
public record PublishRequest(
        @NotBlank @Size(max = 200) String type,
        @Size(max = 20) String priority,
        @Size(max = 512) String orderingKey,
        @NotNull JsonNode payload,
        @Size(max = 200) String idempotencyKey,
        @Size(max = 200) String correlationId) {
}
