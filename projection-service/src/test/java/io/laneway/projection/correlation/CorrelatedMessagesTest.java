package io.laneway.projection.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CorrelatedMessagesTest {

    @Test
    void idsAreKeptInRoutingOrderOnceEach() {
        String ids = CorrelatedMessages.add("", "m-1");
        ids = CorrelatedMessages.add(ids, "m-2");
        ids = CorrelatedMessages.add(ids, "m-1"); // a redelivered ROUTED event

        assertThat(CorrelatedMessages.list(ids)).containsExactly("m-1", "m-2");
        assertThat(CorrelatedMessages.list("")).isEmpty();
        assertThat(CorrelatedMessages.list(null)).isEmpty();
    }

    @Test
    void theFirstIdsAreKeptWhenTheLimitIsReached() {
        String ids = "";
        for (int i = 0; i < CorrelatedMessages.LIMIT + 5; i++) {
            ids = CorrelatedMessages.add(ids, "m-" + i);
        }

        assertThat(CorrelatedMessages.list(ids)).hasSize(CorrelatedMessages.LIMIT).startsWith("m-0").endsWith("m-" + (CorrelatedMessages.LIMIT - 1));
    }
}
