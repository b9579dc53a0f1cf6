package io.laneway.router.ingest;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.envelope.EnvelopeMetadata;
import io.laneway.contracts.envelope.Lane;
import io.laneway.contracts.envelope.Priority;
import io.laneway.contracts.envelope.Routing;
import io.laneway.router.classify.LaneClassifier;
import io.laneway.router.classify.TypeCatalog.TypeSpec;

/** Builds the Avro envelope for an accepted request: id, metadata, routing stamp and deadline. */
final class EnvelopeFactory {

    private EnvelopeFactory() {
    }

    static Envelope create(PublishRequest request, byte[] payloadJson, Priority priority, Lane lane,
                           TypeSpec spec, String clientId, String traceId, Clock clock) {
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        String orderingKey = request.orderingKey() == null || request.orderingKey().isBlank() ? id : request.orderingKey();
        return Envelope.newBuilder()
                .setId(id)
                .setType(request.type())
                .setPriority(priority)
                .setOrderingKey(orderingKey)
                .setPayload(ByteBuffer.wrap(payloadJson))
                .setPayloadContentType("application/json")
                .setMetadata(EnvelopeMetadata.newBuilder()
                        .setTimestamp(now)
                        .setSource(clientId)
                        .setTraceId(traceId)
                        .setIdempotencyKey(request.idempotencyKey())
                        .setCorrelationId(request.correlationId())
                        .build())
                .setRouting(Routing.newBuilder()
                        .setLane(lane)
                        .setRoutedAt(now)
                        .setRoutingVersion(LaneClassifier.ROUTING_VERSION)
                        .setAttempt(1)
                        .setDeadline(now.plus(spec.timeout()))
                        .build())
                .build();
    }
}
