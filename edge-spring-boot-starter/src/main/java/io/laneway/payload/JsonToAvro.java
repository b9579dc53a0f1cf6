package io.laneway.payload;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import tools.jackson.databind.JsonNode;

/**
 * Pure: a payload that {@link PayloadValidator} accepted, as the Avro datum of its schema, so it travels (and is read
 * downstream) as Avro rather than as JSON text. A missing or null field takes its default (or null where the schema
 * allows it); a union takes its first branch the value is valid for; bytes follow Avro's JSON rule (one character per
 * byte).
 */
public final class JsonToAvro {

    private JsonToAvro() {
    }

    public static Object convert(JsonNode node, Schema schema) {
        switch (schema.getType()) {
            case RECORD -> {
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    JsonNode value = node.get(field.name());
                    if (value == null || value.isNull()) {
                        record.put(field.pos(), field.hasDefaultValue() ? GenericData.get().getDefaultValue(field) : null);
                    } else {
                        record.put(field.pos(), convert(value, field.schema()));
                    }
                }
                return record;
            }
            case UNION -> {
                if (node == null || node.isNull()) {
                    return null;
                }
                for (Schema branch : schema.getTypes()) {
                    if (branch.getType() != Schema.Type.NULL && PayloadValidator.violations(node, branch).isEmpty()) {
                        return convert(node, branch);
                    }
                }
                throw new IllegalArgumentException("no branch of " + schema + " accepts " + node);
            }
            case ARRAY -> {
                List<Object> items = new ArrayList<>(node.size());
                node.forEach(item -> items.add(convert(item, schema.getElementType())));
                return new GenericData.Array<>(schema, items);
            }
            case MAP -> {
                Map<String, Object> map = new LinkedHashMap<>();
                node.propertyNames().forEach(name -> map.put(name, convert(node.get(name), schema.getValueType())));
                return map;
            }
            case ENUM -> {
                return new GenericData.EnumSymbol(schema, node.asString());
            }
            case STRING -> {
                return node.asString();
            }
            case BYTES -> {
                return ByteBuffer.wrap(node.asString().getBytes(StandardCharsets.ISO_8859_1));
            }
            case FIXED -> {
                return new GenericData.Fixed(schema, node.asString().getBytes(StandardCharsets.ISO_8859_1));
            }
            case INT -> {
                return node.intValue();
            }
            case LONG -> {
                return node.longValue();
            }
            case FLOAT -> {
                return node.floatValue();
            }
            case DOUBLE -> {
                return node.doubleValue();
            }
            case BOOLEAN -> {
                return node.booleanValue();
            }
            default -> {
                return null;
            }
        }
    }
}
