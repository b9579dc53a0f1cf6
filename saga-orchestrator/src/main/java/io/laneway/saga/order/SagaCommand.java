package io.laneway.saga.order;

import java.util.Map;

/**
 * A command the saga sends to a participant: an envelope type from the router's catalog (e.g.
 * {@code order.reserve-stock}) and its JSON payload. It travels through {@code laneway.ingress}, so the router
 * classifies it like any other work.
 */
public record SagaCommand(String type, Map<String, Object> payload) {
}
