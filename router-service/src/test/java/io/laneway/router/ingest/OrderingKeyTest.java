package io.laneway.router.ingest;

import io.laneway.router.rejection.InvalidRequestException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.laneway.contracts.envelope.Priority;
import io.laneway.router.classify.CostClass;
import io.laneway.router.classify.TypeCatalog.TypeSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class OrderingKeyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest(name = "client key [{0}], field [{1}], payload {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            // client key | type's field | payload                          | ordering key
            "k-1          | customerId   | {\"customerId\":\"c-9\"}          | k-1",          // the client's key wins
            "             | customerId   | {\"customerId\":\"c-9\"}          | c-9",          // else the type's field
            "             | customerId   | {\"customerId\":42}               | 42",           // numbers are plain values too
            "             |              | {\"customerId\":\"c-9\"}          | <id>",         // no field configured: alone
            "             | customerId   | {\"name\":\"x\"}                  | 422",          // field missing: refused
            "             | customerId   | {\"customerId\":{\"a\":1}}        | 422",          // not a plain value: refused
            "             | customerId   | {\"customerId\":\"\"}             | 422",
    })
    void choosesTheOrderingKey(String clientKey, String field, String payload, String expected) {
        PublishRequest request = new PublishRequest("order.place", null, clientKey, JSON.readTree(payload), null, null);
        TypeSpec spec = new TypeSpec(Priority.NORMAL, CostClass.LIGHT, Duration.ofSeconds(1), 5, Duration.ofMinutes(5), field, null, false, null, null);
        if (expected.equals("422")) {
            assertThatThrownBy(() -> EnvelopeFactory.orderingKey(request, spec, "the-id"))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("customerId");
        } else {
            assertThat(EnvelopeFactory.orderingKey(request, spec, "the-id")).isEqualTo(expected.equals("<id>") ? "the-id" : expected);
        }
    }
}
