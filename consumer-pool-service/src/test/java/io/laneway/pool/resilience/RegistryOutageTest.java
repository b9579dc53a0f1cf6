package io.laneway.pool.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpTimeoutException;

import io.laneway.contracts.registry.SchemaRegistryException;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** A record the registry could not describe is put back; one whose bytes are bad is a dead letter. */
class RegistryOutageTest {

    @Test
    void onlyARegistryThatDidNotAnswerIsAnOutage() {
        assertThat(RegistryOutage.is(decodeFailure(new SchemaRegistryException("unreachable", new HttpTimeoutException("request timed out")))))
                .as("hung").isTrue();
        assertThat(RegistryOutage.is(decodeFailure(new SchemaRegistryException("unreachable", new IOException("Connection refused")))))
                .as("down").isTrue();
        assertThat(RegistryOutage.is(decodeFailure(new SchemaRegistryException("GET /schemas/ids/7 -> HTTP 503", 503, 503))))
                .as("overloaded").isTrue();
        assertThat(RegistryOutage.is(decodeFailure(new SchemaRegistryException("GET /schemas/ids/7 -> HTTP 404", 404, 40403))))
                .as("an id the registry does not know: bad bytes").isFalse();
        assertThat(RegistryOutage.is(decodeFailure(new AvroRuntimeException("Malformed data. Length is negative: -40"))))
                .as("not Avro").isFalse();
        assertThat(RegistryOutage.is(new IllegalArgumentException("Unknown magic byte 7"))).isFalse();
    }

    private static SerializationException decodeFailure(Throwable cause) {
        return new SerializationException("Cannot decode record with schema id 7 from laneway.lane.fast: " + cause.getMessage(), cause);
    }
}
