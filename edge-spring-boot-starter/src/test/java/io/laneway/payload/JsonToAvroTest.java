package io.laneway.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.laneway.contracts.serde.PayloadCodec;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** A checked JSON payload becomes its schema's Avro datum, and reads back as the same JSON-shaped values. */
class JsonToAvroTest {

    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "Everything", "fields": [
              {"name": "id", "type": "string"},
              {"name": "count", "type": "int"},
              {"name": "total", "type": "long"},
              {"name": "ratio", "type": "double"},
              {"name": "ok", "type": "boolean"},
              {"name": "colour", "type": {"type": "enum", "name": "Colour", "symbols": ["RED", "GREEN"]}},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "limits", "type": {"type": "map", "values": "long"}},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "either", "type": ["null", "long", "string"], "default": null},
              {"name": "retries", "type": "int", "default": 3},
              {"name": "line", "type": {"type": "record", "name": "Line", "fields": [{"name": "sku", "type": "string"}]}}
            ]}""");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "every field given|{\"id\":\"a\",\"count\":1,\"total\":9000000000,\"ratio\":0.5,\"ok\":true,\"colour\":\"RED\",\"tags\":[\"x\",\"y\"],\"limits\":{\"a\":1},\"note\":\"n\",\"either\":\"s\",\"retries\":5,\"line\":{\"sku\":\"s-1\"}}|{\"id\":\"a\",\"count\":1,\"total\":9000000000,\"ratio\":0.5,\"ok\":true,\"colour\":\"RED\",\"tags\":[\"x\",\"y\"],\"limits\":{\"a\":1},\"note\":\"n\",\"either\":\"s\",\"retries\":5,\"line\":{\"sku\":\"s-1\"}}",
            "defaults and nulls|{\"id\":\"a\",\"count\":1,\"total\":2,\"ratio\":1,\"ok\":false,\"colour\":\"GREEN\",\"tags\":[],\"limits\":{},\"either\":7,\"line\":{\"sku\":\"s\"}}|{\"id\":\"a\",\"count\":1,\"total\":2,\"ratio\":1.0,\"ok\":false,\"colour\":\"GREEN\",\"tags\":[],\"limits\":{},\"note\":null,\"either\":7,\"retries\":3,\"line\":{\"sku\":\"s\"}}",
    })
    void convertsAndReadsBackAsTheSameValues(String what, String payload, String expected) throws Exception {
        var json = JsonMapper.builder().build();
        var node = json.readTree(payload);
        assertThat(PayloadValidator.violations(node, SCHEMA)).as("a payload the router accepts").isEmpty();

        byte[] framed = PayloadCodec.encode(42, SCHEMA, JsonToAvro.convert(node, SCHEMA));

        assertThat(PayloadCodec.isAvro(framed)).isTrue();
        GenericRecord read = new GenericDatumReader<GenericRecord>(SCHEMA).read(null,
                DecoderFactory.get().binaryDecoder(framed, 5, framed.length - 5, null));
        assertThat(json.writeValueAsString(PayloadCodec.toPlain(read))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is not Avro")
    @CsvSource({"{}", "[]", "{\"a\":1}"})
    void jsonIsToldApartFromAvroByItsFirstByte(String payload) {
        assertThat(PayloadCodec.isAvro(payload.getBytes())).isFalse();
    }
}
