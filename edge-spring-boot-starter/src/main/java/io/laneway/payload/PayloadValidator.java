package io.laneway.payload;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.avro.Schema;
import tools.jackson.databind.JsonNode;

/**
 * Checks a JSON payload against the Avro schema of its type and lists every violation with its path
 * (e.g. {@code $.lines[2].quantity: expected int, got "two"}). Pure. Fields with a default or a null branch
 * may be left out; fields the schema does not know are refused (a typo should not pass silently).
 *
 * <p>Avro types say nothing about ranges, so two properties of the schema, which Avro keeps and ignores, carry them:
 * {@code {"type": "int", "minimum": 1}} on a number and {@code {"type": "array", ..., "minItems": 1}} on an array
 * (named as in JSON Schema).
 */
public final class PayloadValidator {

    private static final String MINIMUM = "minimum";
    private static final String MIN_ITEMS = "minItems";

    private PayloadValidator() {
    }

    public static List<String> violations(JsonNode payload, Schema schema) {
        List<String> found = new ArrayList<>();
        check(payload, schema, "$", found);
        return found;
    }

    private static void check(JsonNode node, Schema schema, String path, List<String> found) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!node.isObject()) {
                    found.add(path + ": expected an object, got " + describe(node));
                    return;
                }
                Set<String> known = new HashSet<>();
                for (Schema.Field field : schema.getFields()) {
                    known.add(field.name());
                    JsonNode value = node.get(field.name());
                    if (value == null || value.isNull()) {
                        if (!field.hasDefaultValue() && !acceptsNull(field.schema())) {
                            found.add(path + "." + field.name() + ": required " + typeName(field.schema()) + " is missing");
                        }
                        continue;
                    }
                    check(value, field.schema(), path + "." + field.name(), found);
                }
                node.propertyNames().forEach(name -> {
                    if (!known.contains(name)) {
                        found.add(path + "." + name + ": not a field of " + schema.getName());
                    }
                });
            }
            case UNION -> {
                if (node.isNull() && acceptsNull(schema)) {
                    return;
                }
                for (Schema branch : schema.getTypes()) {
                    List<String> attempt = new ArrayList<>();
                    check(node, branch, path, attempt);
                    if (attempt.isEmpty()) {
                        return;
                    }
                }
                found.add(path + ": expected " + typeName(schema) + ", got " + describe(node));
            }
            case ARRAY -> {
                if (!node.isArray()) {
                    found.add(path + ": expected an array, got " + describe(node));
                    return;
                }
                if (schema.getObjectProp(MIN_ITEMS) instanceof Number min && node.size() < min.longValue()) {
                    found.add(path + ": needs at least " + min + (min.longValue() == 1 ? " item" : " items") + ", got " + node.size());
                }
                for (int i = 0; i < node.size(); i++) {
                    check(node.get(i), schema.getElementType(), path + "[" + i + "]", found);
                }
            }
            case MAP -> {
                if (!node.isObject()) {
                    found.add(path + ": expected an object, got " + describe(node));
                    return;
                }
                node.properties().forEach(e -> check(e.getValue(), schema.getValueType(), path + "." + e.getKey(), found));
            }
            case ENUM -> {
                if (!node.isString() || !schema.getEnumSymbols().contains(node.asString())) {
                    found.add(path + ": expected one of " + schema.getEnumSymbols() + ", got " + describe(node));
                }
            }
            case STRING, BYTES, FIXED -> expect(node.isString(), "a string", node, path, found);
            case INT -> expectNumber(node.isIntegralNumber() && node.canConvertToInt(), "an int", node, schema, path, found);
            case LONG -> expectNumber(node.isIntegralNumber() && node.canConvertToLong(), "a long", node, schema, path, found);
            case FLOAT, DOUBLE -> expectNumber(node.isNumber(), "a number", node, schema, path, found);
            case BOOLEAN -> expect(node.isBoolean(), "true or false", node, path, found);
            case NULL -> expect(node.isNull(), "null", node, path, found);
        }
    }

    private static void expect(boolean ok, String what, JsonNode node, String path, List<String> found) {
        if (!ok) {
            found.add(path + ": expected " + what + ", got " + describe(node));
        }
    }

    /** A number of the right type is then held to the schema's {@code minimum}, if it has one. */
    private static void expectNumber(boolean ok, String what, JsonNode node, Schema schema, String path, List<String> found) {
        expect(ok, what, node, path, found);
        if (ok && schema.getObjectProp(MINIMUM) instanceof Number min && node.decimalValue().compareTo(new BigDecimal(min.toString())) < 0) {
            found.add(path + ": must be at least " + min + ", got " + describe(node));
        }
    }

    private static boolean acceptsNull(Schema schema) {
        return schema.getType() == Schema.Type.NULL
                || (schema.getType() == Schema.Type.UNION && schema.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL));
    }

    private static String typeName(Schema schema) {
        return schema.getType() == Schema.Type.UNION
                ? String.join(" or ", schema.getTypes().stream().map(PayloadValidator::typeName).toList())
                : schema.getType() == Schema.Type.RECORD ? schema.getName() : schema.getType().getName();
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
