package io.laneway.pool.deadletter.admin;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.laneway.contracts.registry.SchemaRegistryClient;
import io.laneway.contracts.serde.ConfluentWireFormat;
import io.laneway.contracts.serde.PayloadCodec;
import io.laneway.payload.JsonToAvro;
import io.laneway.payload.PayloadValidator;
import org.apache.avro.Schema;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;

/**
 * An operator's edit of a dead letter's payload, made into the bytes the handler reads: an Avro payload stays Avro,
 * checked and encoded with the schema the original was written with (by the router's rules, {@link PayloadValidator}); a
 * JSON payload stays JSON. An edit that does not fit is refused with every violation named, before anything is sent.
 */
final class EditedPayloads {

    private EditedPayloads() {
    }

    static byte[] encode(String type, byte[] original, JsonNode edited, SchemaRegistryClient registry) {
        if (edited == null || !edited.isObject()) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "The edited payload of a " + type
                    + " must be a JSON object, as its handler reads it. Nothing was sent.");
        }
        if (!PayloadCodec.isAvro(original)) {
            return edited.toString().getBytes(StandardCharsets.UTF_8);
        }
        int schemaId = ConfluentWireFormat.schemaId(original);
        Schema schema;
        try {
            schema = registry.schemaById(schemaId);
        } catch (RuntimeException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "The schema registry could not give schema " + schemaId
                    + " to check the edited payload against; nothing was sent, try again.");
        }
        List<String> violations = PayloadValidator.violations(edited, schema);
        if (!violations.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "The edited payload does not match the schema of "
                    + type + " (" + schema.getFullName() + ", id " + schemaId + "): " + String.join("; ", violations) + ". Nothing was sent.");
        }
        return PayloadCodec.encode(schemaId, schema, JsonToAvro.convert(edited, schema));
    }
}
