package io.laneway.pool.processing;

import io.laneway.contracts.envelope.Envelope;
import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/** Decodes an envelope's JSON payload into the handler's type and calls the handler; a payload that does not fit is permanent. */
@Component
class HandlerInvocation {

    private final ObjectMapper json;

    HandlerInvocation(ObjectMapper json) {
        this.json = json;
    }

    <P> void invoke(EnvelopeHandler<P> handler, Envelope envelope, HandlerContext context) throws Exception {
        P payload;
        try {
            payload = json.readValue(envelope.getPayload().array(), handler.payloadType());
        } catch (JacksonException e) {
            throw new NonRetryableProcessingException("Payload of " + envelope.getId() + " does not match "
                    + handler.payloadType().getSimpleName() + ": " + e.getOriginalMessage());
        }
        handler.handle(payload, context);
    }
}
