package io.laneway.pool.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class KeyedWorkQueueTest {

    @Test
    void aBatchHoldsAtMostOneItemPerKeyAndTheNextOfAKeyWaitsForRelease() {
        KeyedWorkQueue<String> queue = new KeyedWorkQueue<>();
        queue.add("a", "a1");
        queue.add("a", "a2");
        queue.add("b", "b1");

        assertThat(queue.take(10)).extracting(KeyedWorkQueue.Keyed::work).containsExactly("a1", "b1");
        assertThat(queue.take(10)).as("a2 waits while a1 runs").isEmpty();

        queue.release("a");
        assertThat(queue.take(10)).extracting(KeyedWorkQueue.Keyed::work).containsExactly("a2");
        assertThat(queue.waiting()).isZero();
    }

    @Test
    void batchSizeIsRespectedAndKeysAreServedRoundRobin() {
        KeyedWorkQueue<String> queue = new KeyedWorkQueue<>();
        for (String key : List.of("a", "b", "c")) {
            queue.add(key, key + "1");
            queue.add(key, key + "2");
        }
        assertThat(queue.take(2)).extracting(KeyedWorkQueue.Keyed::work).containsExactly("a1", "b1");
        queue.release("a");
        queue.release("b");
        assertThat(queue.take(3)).extracting(KeyedWorkQueue.Keyed::work).as("c waited longest").containsExactly("c1", "a2", "b2");
    }

    @Test
    void aPutBackItemRunsNextForItsKeyKeepingOrder() {
        KeyedWorkQueue<String> queue = new KeyedWorkQueue<>();
        queue.add("a", "a1");
        queue.add("a", "a2");
        var first = queue.take(1).getFirst();
        queue.putBack(first.key(), first.work());
        assertThat(queue.take(5)).extracting(KeyedWorkQueue.Keyed::work).containsExactly("a1");
    }

    @Test
    void removingARevokedPartitionsWaitingWorkLeavesOthers() {
        KeyedWorkQueue<String> queue = new KeyedWorkQueue<>();
        queue.add("p0/a", "p0-a1");
        queue.add("p1/b", "p1-b1");
        queue.add("p1/b", "p1-b2");
        assertThat(queue.removeWaiting(w -> w.startsWith("p1"))).isEqualTo(2);
        assertThat(queue.take(5)).extracting(KeyedWorkQueue.Keyed::work).containsExactly("p0-a1");
    }
}
