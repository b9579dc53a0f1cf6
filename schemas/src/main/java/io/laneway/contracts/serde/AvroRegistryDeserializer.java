package io.laneway.contracts.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.laneway.contracts.AvroContracts;
import io.laneway.contracts.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for the Confluent wire format. The writer schema comes from the registry by id;
 * with {@code specific.avro.reader=true} the record is resolved into the generated class of the same
 * name (schema evolution applies), otherwise a {@code GenericRecord} is returned, which is all a plain
 * consumer with nothing but the registry URL needs.
 */
public class AvroRegistryDeserializer<T> implements Deserializer<T> {

    public static final String SPECIFIC_READER = "specific.avro.reader";

    static {
        AvroContracts.trustGeneratedClasses();
    }

    private SchemaRegistryClient registry;
    private boolean specific;
    private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    public AvroRegistryDeserializer() {
    }

    public AvroRegistryDeserializer(SchemaRegistryClient registry, boolean specific) {
        this.registry = registry;
        this.specific = specific;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            Object url = configs.get(AvroRegistrySerializer.REGISTRY_URL);
            if (url == null) {
                throw new IllegalArgumentException(AvroRegistrySerializer.REGISTRY_URL + " must be configured for " + getClass().getSimpleName());
            }
            registry = SchemaRegistryClient.forUrl(url.toString());
        }
        if (configs.get(SPECIFIC_READER) != null) {
            specific = Boolean.parseBoolean(configs.get(SPECIFIC_READER).toString());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int id = ConfluentWireFormat.schemaId(data);
        try {
            var decoder = DecoderFactory.get().binaryDecoder(data, ConfluentWireFormat.HEADER_LENGTH,
                    data.length - ConfluentWireFormat.HEADER_LENGTH, null);
            return (T) reader(id).read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode record with schema id " + id + " from " + topic + ": " + e.getMessage(), e);
        }
    }

    private DatumReader<Object> reader(int schemaId) {
        return readers.computeIfAbsent(schemaId, id -> {
            Schema writer = registry.schemaById(id);
            if (!specific) {
                return new GenericDatumReader<>(writer, writer, GenericData.get());
            }
            Class<?> generated = SpecificData.get().getClass(writer);
            if (generated == null) {
                throw new SerializationException("No generated class for " + writer.getFullName() + " on the classpath");
            }
            SpecificData model = SpecificData.getForClass(generated);
            return new SpecificDatumReader<>(writer, model.getSchema(generated), model);
        });
    }
}
