package io.laneway.pool.support;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/** demo.greet's payload as the router sends it: Avro of this schema (router-service's payload-schemas). */
public final class GreetingPayloads {

    public static final String SUBJECT = "laneway.payload.demo.greet";
    public static final Schema GREET = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Greet\",\"namespace\":\"io.laneway.payload.demo\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}");

    private GreetingPayloads() {
    }

    public static GenericData.Record greeting(String name) {
        GenericData.Record record = new GenericData.Record(GREET);
        record.put("name", name);
        return record;
    }
}
