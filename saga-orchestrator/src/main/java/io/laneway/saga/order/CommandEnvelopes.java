package io.laneway.saga.order;

import io.laneway.contracts.order.OrderCommands.Command;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.EnvelopeMetadata;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.envelope.Priority;
import io.laneway.contracts.envelope.Routing;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A saga command as the envelope the router's ingress expects: JSON payload, ordering key = order id (a
 * participant sees one order's commands in order), correlation id = order id. Compensations go out as
 * CRITICAL, so backpressure never sheds them. The router replaces the routing stamp.
 */
final class CommandEnvelopes {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private CommandEnvelopes() {
    }

    static Envelope of(String orderId, Command command, Instant now) {
        byte[] payload = JSON.writeValueAsBytes(command);
        return Envelope.newBuilder()
                .setId(idOf(orderId, command.commandType(), payload))
                .setType(command.commandType())
                .setPriority(command.compensation() ? Priority.CRITICAL : Priority.HIGH)
                .setOrderingKey(orderId)
                .setPayload(ByteBuffer.wrap(payload))
                .setMetadata(EnvelopeMetadata.newBuilder().setTimestamp(now).setSource("saga-orchestrator")
                        .setTraceId(UUID.nameUUIDFromBytes(orderId.getBytes()).toString().replace("-", ""))
                        .setCorrelationId(orderId).build())
                .setRouting(Routing.newBuilder().setLane(Lane.FAST).setRoutedAt(now).setRoutingVersion(0).build())
                .build();
    }

    /**
     * The same command of the same saga always has the same id: when Kafka Streams reruns a step after an aborted
     * transaction, or the saga resends a compensation it is still owed, the pool's idempotency (message id) recognises
     * the repeat instead of executing it again under a fresh random id.
     */
    static String idOf(String orderId, String type, byte[] payload) {
        byte[] prefix = ("laneway-saga:" + orderId + ":" + type + ":").getBytes(StandardCharsets.UTF_8);
        byte[] name = new byte[prefix.length + payload.length];
        System.arraycopy(prefix, 0, name, 0, prefix.length);
        System.arraycopy(payload, 0, name, prefix.length, payload.length);
        return UUID.nameUUIDFromBytes(name).toString();
    }
}
