package io.laneway.pool.processing;

import java.util.Map;

import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.pool.outbox.OutboxEvent;
import io.laneway.pool.outbox.OutboxRepository;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Serializes an event to the Confluent wire format now (registering its schema under {@code <topic>-value})
 * and stores it in the outbox, inside the caller's transaction.
 */
@Component
public class OutboxWriter {

    private final OutboxRepository outbox;
    private final AvroRegistrySerializer<SpecificRecord> serializer = new AvroRegistrySerializer<>();

    public OutboxWriter(OutboxRepository outbox, @Value("${laneway.schema-registry.url}") String registryUrl) {
        this.outbox = outbox;
        serializer.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, registryUrl), false);
    }

    public void write(String topic, String key, SpecificRecord event, String traceId) {
        outbox.save(new OutboxEvent(topic, key, serializer.serialize(topic, event), traceId));
    }
}
