package io.laneway.saga.order;

import java.nio.ByteBuffer;
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

    static Envelope of(String orderId, SagaCommand command, Instant now) {
        boolean compensation = command.type().equals("order.release-stock") || command.type().equals("order.refund-payment");
        return Envelope.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setType(command.type())
                .setPriority(compensation ? Priority.CRITICAL : Priority.HIGH)
                .setOrderingKey(orderId)
                .setPayload(ByteBuffer.wrap(JSON.writeValueAsBytes(command.payload())))
                .setMetadata(EnvelopeMetadata.newBuilder().setTimestamp(now).setSource("saga-orchestrator")
                        .setTraceId(UUID.nameUUIDFromBytes(orderId.getBytes()).toString().replace("-", ""))
                        .setCorrelationId(orderId).build())
                .setRouting(Routing.newBuilder().setLane(Lane.FAST).setRoutedAt(now).setRoutingVersion(0).build())
                .build();
    }
}
