package io.laneway.contracts.serde;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's framing: magic byte 0, 4-byte big-endian schema id, then the Avro binary body.
 * Any Confluent-compatible consumer (Java, Go, Python, ksqlDB, Kafka Connect) reads it with a registry URL.
 */
public final class ConfluentWireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private ConfluentWireFormat() {
    }

    public static byte[] frame(int schemaId, byte[] avroBody) {
        return ByteBuffer.allocate(HEADER_LENGTH + avroBody.length)
                .put(MAGIC_BYTE).putInt(schemaId).put(avroBody).array();
    }

    public static int schemaId(byte[] framed) {
        if (framed.length < HEADER_LENGTH || framed[0] != MAGIC_BYTE) {
            throw new SerializationException("Not in the Confluent wire format (expected magic byte 0 and a 4-byte schema id)");
        }
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }
}
