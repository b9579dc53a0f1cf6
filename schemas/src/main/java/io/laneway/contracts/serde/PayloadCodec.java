package io.laneway.contracts.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.laneway.contracts.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * An envelope's payload: Avro in Confluent's framing (magic byte 0, the payload schema's registry id, the binary body)
 * for a type with a payload schema, JSON bytes otherwise. The first byte tells them apart: a JSON object starts with
 * '{'. Any consumer with the registry URL decodes both the envelope and its payload.
 */
public final class PayloadCodec {

    /** A writer per schema: building one walks the schema, and the router encodes a payload on every request. */
    private static final Map<Schema, GenericDatumWriter<Object>> WRITERS = new ConcurrentHashMap<>();
    /** A reader per writer's schema, for the same reason: the pool decodes a payload per envelope. */
    private static final Map<Schema, GenericDatumReader<GenericRecord>> READERS = new ConcurrentHashMap<>();

    private PayloadCodec() {
    }

    public static boolean isAvro(byte[] payload) {
        return payload.length >= ConfluentWireFormat.HEADER_LENGTH && payload[0] == ConfluentWireFormat.MAGIC_BYTE;
    }

    /** The payload's bytes, whatever the buffer's position and backing array. */
    public static byte[] bytes(ByteBuffer payload) {
        ByteBuffer view = payload.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    public static byte[] encode(int schemaId, Schema schema, Object datum) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            WRITERS.computeIfAbsent(schema, GenericDatumWriter::new).write(datum, encoder);
            encoder.flush();
            return ConfluentWireFormat.frame(schemaId, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decoded with the writer's schema (fetched by id, then cached); registry failures propagate as they are. */
    public static GenericRecord decode(byte[] framed, SchemaRegistryClient registry) {
        Schema writer = registry.schemaById(ConfluentWireFormat.schemaId(framed));
        return read(READERS.computeIfAbsent(writer, GenericDatumReader::new), framed);
    }

    /** Decoded into a generated class: the writer's schema resolved against the class's own. */
    public static <T extends SpecificRecord> T decode(byte[] framed, SchemaRegistryClient registry, Class<T> type) {
        Schema writer = registry.schemaById(ConfluentWireFormat.schemaId(framed));
        return read(new SpecificDatumReader<>(writer, SpecificData.get().getSchema(type)), framed);
    }

    private static <T> T read(org.apache.avro.io.DatumReader<T> reader, byte[] framed) {
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(framed, ConfluentWireFormat.HEADER_LENGTH,
                    framed.length - ConfluentWireFormat.HEADER_LENGTH, null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("A payload in the Confluent framing could not be read with its schema: " + e, e);
        }
    }

    /**
     * Pure: an Avro datum as plain Java values a JSON library writes as people read it: records and maps as maps (field
     * order kept), arrays as lists, strings, numbers, booleans, enums as their symbol, bytes as text (Avro's JSON rule:
     * one character per byte), unions as their value.
     */
    public static Object toPlain(Object datum) {
        if (datum instanceof GenericRecord record) {
            Map<String, Object> plain = new LinkedHashMap<>();
            for (Schema.Field field : record.getSchema().getFields()) {
                plain.put(field.name(), toPlain(record.get(field.pos())));
            }
            return plain;
        }
        if (datum instanceof Map<?, ?> map) {
            Map<String, Object> plain = new LinkedHashMap<>();
            map.forEach((key, value) -> plain.put(key.toString(), toPlain(value)));
            return plain;
        }
        if (datum instanceof Collection<?> items) {
            List<Object> plain = new ArrayList<>(items.size());
            items.forEach(item -> plain.add(toPlain(item)));
            return plain;
        }
        if (datum instanceof ByteBuffer buffer) {
            return new String(bytes(buffer), StandardCharsets.ISO_8859_1);
        }
        if (datum instanceof GenericFixed fixed) {
            return new String(fixed.bytes(), StandardCharsets.ISO_8859_1);
        }
        if (datum instanceof CharSequence || datum instanceof GenericContainer) { // Utf8, enum symbols
            return datum.toString();
        }
        return datum; // numbers, booleans, null
    }
}
