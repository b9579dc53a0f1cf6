package io.laneway.payload;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class PayloadValidatorTest {

    private static final Schema ORDER = new Schema.Parser().parse("""
            {"type":"record","name":"Order","fields":[
              {"name":"customerId","type":"string"},
              {"name":"express","type":"boolean","default":false},
              {"name":"note","type":["null","string"],"default":null},
              {"name":"channel","type":{"type":"enum","name":"Channel","symbols":["WEB","SHOP"]}},
              {"name":"lines","type":{"type":"array","items":{"type":"record","name":"Line","fields":[
                {"name":"sku","type":"string"},{"name":"quantity","type":"int"}]}}},
              {"name":"tags","type":{"type":"map","values":"long"},"default":{}}
            ]}""");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                  | payload                                                                                    | violations
            "valid, defaults omitted | {\"customerId\":\"c\",\"channel\":\"WEB\",\"lines\":[{\"sku\":\"a\",\"quantity\":2}]}    | ",
            "valid, all given        | {\"customerId\":\"c\",\"express\":true,\"note\":\"x\",\"channel\":\"SHOP\",\"lines\":[],\"tags\":{\"a\":1}} | ",
            "null for a nullable     | {\"customerId\":\"c\",\"note\":null,\"channel\":\"WEB\",\"lines\":[]}                      | ",
            "required missing        | {\"channel\":\"WEB\",\"lines\":[]}                                                         | $.customerId: required string is missing",
            "wrong type              | {\"customerId\":7,\"channel\":\"WEB\",\"lines\":[]}                                        | $.customerId: expected a string, got 7",
            "enum symbol             | {\"customerId\":\"c\",\"channel\":\"MAIL\",\"lines\":[]}                                   | $.channel: expected one of [WEB, SHOP], got \"MAIL\"",
            "nested item             | {\"customerId\":\"c\",\"channel\":\"WEB\",\"lines\":[{\"sku\":\"a\",\"quantity\":\"two\"}]} | $.lines[0].quantity: expected an int, got \"two\"",
            "int overflow            | {\"customerId\":\"c\",\"channel\":\"WEB\",\"lines\":[{\"sku\":\"a\",\"quantity\":9999999999}]} | $.lines[0].quantity: expected an int, got 9999999999",
            "map values              | {\"customerId\":\"c\",\"channel\":\"WEB\",\"lines\":[],\"tags\":{\"a\":\"x\"}}            | $.tags.a: expected a long, got \"x\"",
            "unknown field           | {\"customerId\":\"c\",\"channel\":\"WEB\",\"lines\":[],\"custmerId\":\"c\"}              | $.custmerId: not a field of Order",
            "not an object           | [1,2]                                                                                      | $: expected an object, got [1,2]",
    })
    void listsEveryViolationWithItsPath(String name, String payload, String expected) {
        assertViolations(payload, ORDER, expected);
    }

    private static final Schema RANGES = new Schema.Parser().parse("""
            {"type":"record","name":"Ranges","fields":[
              {"name":"quantity","type":{"type":"int","minimum":1}},
              {"name":"cents","type":{"type":"long","minimum":0}},
              {"name":"ratio","type":{"type":"double","minimum":0.5}},
              {"name":"lines","type":{"type":"array","items":"string","minItems":1}}
            ]}""");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                  | payload                                                            | violations
            "at the bounds           | {\"quantity\":1,\"cents\":0,\"ratio\":0.5,\"lines\":[\"a\"]}         | ",
            "int below its minimum   | {\"quantity\":0,\"cents\":0,\"ratio\":0.5,\"lines\":[\"a\"]}         | $.quantity: must be at least 1, got 0",
            "long below its minimum  | {\"quantity\":1,\"cents\":-5,\"ratio\":0.5,\"lines\":[\"a\"]}        | $.cents: must be at least 0, got -5",
            "double below            | {\"quantity\":1,\"cents\":0,\"ratio\":0.49,\"lines\":[\"a\"]}        | $.ratio: must be at least 0.5, got 0.49",
            "empty array             | {\"quantity\":1,\"cents\":0,\"ratio\":0.5,\"lines\":[]}              | $.lines: needs at least 1 item, got 0",
            "wrong type: no range    | {\"quantity\":\"-1\",\"cents\":0,\"ratio\":0.5,\"lines\":[\"a\"]}    | $.quantity: expected an int, got \"-1\"",
    })
    void minimumAndMinItemsInTheSchemaBoundNumbersAndArrays(String name, String payload, String expected) {
        assertViolations(payload, RANGES, expected);
    }

    /** {@code expected} null: a valid payload. */
    private static void assertViolations(String payload, Schema schema, String expected) {
        var violations = PayloadValidator.violations(JsonMapper.builder().build().readTree(payload), schema);
        if (expected == null) {
            assertThat(violations).isEmpty();
        } else {
            assertThat(violations).containsExactly(expected);
        }
    }
}
