package io.laneway.contracts.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.laneway.contracts.AvroContracts;
import io.laneway.contracts.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer: Avro record -> Confluent wire format, schema registered under
 * {@code <topic>-value} (or {@code -key}), TopicNameStrategy. On first registration of a subject its
 * compatibility is set to BACKWARD_TRANSITIVE so the registry itself refuses breaking changes.
 *
 * <p>Configuration keys follow Confluent's: {@code schema.registry.url}, {@code auto.register.schemas}.
 */
public class AvroRegistrySerializer<T extends GenericContainer> implements Serializer<T> {

    public static final String REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER = "auto.register.schemas";
    public static final String COMPATIBILITY = "laneway.subject.compatibility";

    static {
        AvroContracts.trustGeneratedClasses();
    }

    private SchemaRegistryClient registry;
    private boolean isKey;
    private boolean autoRegister = true;
    private String compatibility = SchemaRegistryClient.BACKWARD_TRANSITIVE;
    /** Keyed by the Schema object itself: its hash is cached by Avro, whereas toString() re-renders JSON. */
    private record SubjectSchema(String subject, Schema schema) {
    }

    private final Map<SubjectSchema, Integer> idBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

    public AvroRegistrySerializer() {
    }

    /** For programmatic use (Kafka Streams serdes, tests). */
    public AvroRegistrySerializer(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        Object url = configs.get(REGISTRY_URL);
        if (registry == null) {
            if (url == null) {
                throw new IllegalArgumentException(REGISTRY_URL + " must be configured for " + getClass().getSimpleName());
            }
            registry = SchemaRegistryClient.forUrl(url.toString());
        }
        if (configs.get(AUTO_REGISTER) != null) {
            autoRegister = Boolean.parseBoolean(configs.get(AUTO_REGISTER).toString());
        }
        if (configs.get(COMPATIBILITY) != null) {
            compatibility = configs.get(COMPATIBILITY).toString();
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Objects.requireNonNull(registry, "serializer not configured: " + REGISTRY_URL);
        Schema schema = record.getSchema();
        int id = schemaId(topic + (isKey ? "-key" : "-value"), schema);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            out.write(ConfluentWireFormat.MAGIC_BYTE);
            out.write(new byte[] {(byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer(record).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot serialize " + schema.getFullName() + " for topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private int schemaId(String subject, Schema schema) {
        return idBySubjectSchema.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            if (!autoRegister) {
                throw new SerializationException("Schema " + schema.getFullName() + " is not registered under "
                        + subject + " and auto-registration is off");
            }
            boolean newSubject = !registry.subjects().contains(subject);
            if (newSubject && compatibility != null) {
                registry.setCompatibility(subject, compatibility);
            }
            return registry.register(subject, schema);
        });
    }

    private DatumWriter<Object> writer(T record) {
        return writers.computeIfAbsent(record.getSchema(), schema -> record instanceof SpecificRecord
                ? new SpecificDatumWriter<>(schema, SpecificData.getForClass(record.getClass()))
                : new GenericDatumWriter<>(schema, GenericData.get()));
    }
}
