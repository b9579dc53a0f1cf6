package io.laneway.pool.processing;

import io.laneway.contracts.envelope.Envelope;
import io.laneway.contracts.registry.SchemaRegistryClient;
import io.laneway.contracts.serde.PayloadCodec;
import io.laneway.pool.handler.NonRetryableProcessingException;
import io.laneway.pool.resilience.RegistryOutage;
import io.laneway.registry.SchemaRegistryProperties;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * An envelope's payload as its handler's type: Avro (a type with a payload schema: the router sent the checked payload
 * in the Confluent framing) read with the writer's schema from the registry, into the handler's generated class or, for
 * a record of its own, through its fields by name; JSON (a type without one) read by Jackson. A payload that does not
 * fit the handler's type can never succeed: permanent. The registry not answering is no fault of the payload: it
 * propagates as it is, and the batch puts the envelope back (see {@link RegistryOutage}).
 */
@Component
public class PayloadDecoding {

    private final ObjectMapper json;
    private final SchemaRegistryClient registry;

    public PayloadDecoding(ObjectMapper json, SchemaRegistryProperties registry) {
        this.json = json;
        this.registry = SchemaRegistryClient.forUrl(registry.url());
    }

    @SuppressWarnings("unchecked")
    public <P> P decode(Envelope envelope, Class<P> type) {
        byte[] bytes = PayloadCodec.bytes(envelope.getPayload());
        try {
            if (!PayloadCodec.isAvro(bytes)) {
                return json.readValue(bytes, type);
            }
            if (SpecificRecord.class.isAssignableFrom(type)) {
                return (P) PayloadCodec.decode(bytes, registry, (Class<? extends SpecificRecord>) type);
            }
            return json.convertValue(PayloadCodec.toPlain(PayloadCodec.decode(bytes, registry)), type);
        } catch (JacksonException | IllegalArgumentException | org.apache.kafka.common.errors.SerializationException e) {
            throw new NonRetryableProcessingException("Payload of " + envelope.getId() + " does not match "
                    + type.getSimpleName() + ": " + e.getMessage());
        }
    }
}
