package io.laneway.contracts.serde;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Registry-backed Avro serdes for Kafka Streams topologies. */
public final class LanewaySerdes {

    private LanewaySerdes() {
    }

    public static <T extends SpecificRecord> Serde<T> specificAvro(String registryUrl, boolean isKey) {
        AvroRegistrySerializer<T> serializer = new AvroRegistrySerializer<>();
        AvroRegistryDeserializer<T> deserializer = new AvroRegistryDeserializer<>();
        Map<String, Object> config = Map.of(
                AvroRegistrySerializer.REGISTRY_URL, registryUrl,
                AvroRegistryDeserializer.SPECIFIC_READER, true);
        serializer.configure(config, isKey);
        deserializer.configure(config, isKey);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
