package io.laneway.client;

import tools.jackson.databind.JsonNode;

/**
 * Where a message stands, as the status view answers.
 *
 * @param status ROUTED, PROCESSING, FAILED (waiting for a retry), COMPLETED or DEAD_LETTERED
 * @param body   the whole answer (lane, attempt, error, timestamps)
 */
public record MessageStatus(String id, String status, JsonNode body) {

    public boolean isFinal() {
        return "COMPLETED".equals(status) || "DEAD_LETTERED".equals(status);
    }
}
