package io.laneway.router.ingest;

import io.laneway.router.rejection.InvalidRequestException;
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
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/** Builds the Avro envelope for an accepted request: id, metadata, routing stamp and deadline. */
final class EnvelopeFactory {

    private EnvelopeFactory() {
    }

    static Envelope create(PublishRequest request, byte[] payloadJson, Priority priority, Lane lane,
                           TypeSpec spec, String clientId, String traceId, Clock clock) {
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        String orderingKey = orderingKey(request, spec, id);
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
                        .setMaxAttempts(spec.maxAttempts())
                        .build())
                .build();
    }

    /**
     * The client's ordering key; else the value of the type's ordering-key field in the payload; else the
     * message id (no ordering with other messages). A type that orders by a field refuses a payload without it:
     * silently processing such a message out of order would be worse.
     */
    static String orderingKey(PublishRequest request, TypeSpec spec, String id) {
        if (request.orderingKey() != null && !request.orderingKey().isBlank()) {
            return request.orderingKey();
        }
        if (spec.orderingKeyField() == null || spec.orderingKeyField().isBlank()) {
            return id;
        }
        JsonNode value = request.payload().get(spec.orderingKeyField());
        if (value == null || value.isNull() || value.isContainer() || value.asString().isBlank()) {
            throw new InvalidRequestException(HttpStatus.UNPROCESSABLE_CONTENT, "Missing ordering key",
                    "Messages of type '" + request.type() + "' are ordered by the payload field '" + spec.orderingKeyField()
                            + "', which is missing or not a plain value; add it to the payload or send an orderingKey.");
        }
        String key = value.asString();
        if (key.length() > 512) {
            throw new InvalidRequestException(HttpStatus.UNPROCESSABLE_CONTENT, "Ordering key too long",
                    "The payload field '" + spec.orderingKeyField() + "' is longer than 512 characters.");
        }
        return key;
    }
}
