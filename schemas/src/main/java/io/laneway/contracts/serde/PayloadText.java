package io.laneway.contracts.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.laneway.contracts.registry.SchemaRegistryClient;

/**
 * An envelope's payload as people read it, whatever it travelled as: the status and dead-letter views show JSON, so an
 * operator never reads Avro bytes. Avro payloads are decoded with their writer's schema from the registry.
 */
public final class PayloadText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PayloadText() {
    }

    /** Plain values (maps, lists, strings, numbers) a JSON writer renders: for an API's response body. */
    public static Object plain(byte[] payload, SchemaRegistryClient registry) {
        if (PayloadCodec.isAvro(payload)) {
            return PayloadCodec.toPlain(PayloadCodec.decode(payload, registry));
        }
        try {
            return JSON.readValue(payload, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("The payload is neither Avro in the Confluent framing nor JSON", e);
        }
    }

    /** JSON text: for a record that carries the payload for people (the lifecycle's FAILED and DEAD_LETTERED). */
    public static String json(byte[] payload, SchemaRegistryClient registry) {
        if (!PayloadCodec.isAvro(payload)) {
            return new String(payload, StandardCharsets.UTF_8);
        }
        try {
            return JSON.writeValueAsString(plain(payload, registry));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * JSON text, or null when the registry cannot describe the payload just now: for informational records, which
     * must not fail the work they report on.
     */
    public static String jsonOrNull(byte[] payload, SchemaRegistryClient registry) {
        try {
            return json(payload, registry);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
