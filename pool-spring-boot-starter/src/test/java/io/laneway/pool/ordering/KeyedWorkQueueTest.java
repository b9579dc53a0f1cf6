package io.laneway.pool.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /**
     * Items are named after their cost in ms ("q" quick 1 ms, "s" slow 60 ms, "m" 20 ms); a budget of 50 ms; up to
     * {@code atLeast} items (a worker's share of a backlog) are taken whatever their sum, if each fits the budget.
     */
    @ParameterizedTest(name = "{0}, at least {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            q q q q      | 1 | q q q q   | quick ones share a batch
            s q q        | 1 | s         | a slow one costlier than the budget runs alone
            q q s q      | 1 | q q       | the slow one does not fit and stays first in turn
            m m q m      | 1 | m m q     | taken while the sum fits
            m m q m q q  | 1 | m m q     | never skipped over: the next that does not fit ends the batch
            s q q        | 2 | s q       | a backlog share is taken whatever its sum
            m m m m q    | 4 | m m m m   | the share goes past the budget with items that each fit it; then the budget decides
            q q s q      | 3 | q q       | a slow item never joins a shared batch: it ends it
            s s q q      | 2 | s         | so two slow ones never share a transaction
            q q q q      | 9 | q q q q   | a share larger than what is ready takes all of it
            q q s q      | 0 | q q       | at least one item is always taken, so 0 behaves as 1
            """)
    void aBatchHoldsAboutTheBudgetOfExpectedTimeInTurnOrder(String waiting, int atLeast, String batch, String rule) {
        Map<String, Double> costs = Map.of("q", 1.0, "m", 20.0, "s", 60.0);
        KeyedWorkQueue<String> queue = new KeyedWorkQueue<>();
        String[] items = waiting.split(" ");
        for (int i = 0; i < items.length; i++) {
            queue.add("key" + i, items[i]);
        }
        assertThat(queue.take(100, 50, costs::get, atLeast)).extracting(KeyedWorkQueue.Keyed::work).as(rule)
                .containsExactly(batch.split(" "));
        assertThat(queue.waiting()).as("the rest waits").isEqualTo(items.length - batch.split(" ").length);
    }

    @Test
    void theCountCapHoldsWhateverTheBudget() {
        KeyedWorkQueue<String> queue = new KeyedWorkQueue<>();
        for (int i = 0; i < 10; i++) {
            queue.add("key" + i, "item" + i);
        }
        assertThat(queue.take(3, 1_000, item -> 0.1, 1)).hasSize(3);
        assertThat(queue.take(3, 10, item -> 5, 7)).as("a share above the cap").hasSize(3);
    }
}
