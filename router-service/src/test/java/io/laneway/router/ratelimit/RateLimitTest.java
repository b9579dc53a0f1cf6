package io.laneway.router.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import io.laneway.router.support.RouterIntegrationTest;
import org.junit.jupiter.api.Test;

/** Client "flooder" may publish 3 messages per second (see RouterIntegrationTest); others are unaffected. */
class RateLimitTest extends RouterIntegrationTest {

    private static final String BODY = "{\"type\":\"demo.greet\",\"payload\":{\"name\":\"flood\"}}";

    @Test
    void aFloodingClientGets429WithRetryAfterWhileOthersAreServed() {
        List<HttpResponse<String>> answers = new ArrayList<>();
        long offsetsBefore = laneEndOffsets().values().stream().mapToLong(Long::longValue).sum();
        for (int i = 0; i < 10; i++) {
            answers.add(post(port, BODY, "flooder"));
        }
        var other = post(port, BODY, "a-polite-client");

        long accepted = answers.stream().filter(a -> a.statusCode() == 202).count();
        var refused = answers.stream().filter(a -> a.statusCode() == 429).toList();
        assertThat(accepted).as("at most two one-second budgets of 3").isBetween(3L, 6L);
        assertThat(refused).hasSize(10 - (int) accepted).allSatisfy(r -> {
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(r.body()).contains("3 messages per second");
        });
        assertThat(other.statusCode()).isEqualTo(202);
        long offsetsAfter = laneEndOffsets().values().stream().mapToLong(Long::longValue).sum();
        assertThat(offsetsAfter - offsetsBefore).as("only accepted messages were written").isEqualTo(accepted + 1);
    }
}
