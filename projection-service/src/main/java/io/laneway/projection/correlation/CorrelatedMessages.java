package io.laneway.projection.correlation;

import java.util.Arrays;
import java.util.List;

/**
 * The message ids one correlation id ties together, as the index keeps them: one string, ids separated by newlines, in
 * the order they were routed, at most {@link #LIMIT} (the first ones: what started a saga or a job is what an operator
 * looks for). Pure.
 */
public final class CorrelatedMessages {

    public static final int LIMIT = 500;

    private CorrelatedMessages() {
    }

    public static String add(String ids, String messageId) {
        List<String> known = list(ids);
        if (known.contains(messageId) || known.size() >= LIMIT) {
            return ids;
        }
        return known.isEmpty() ? messageId : ids + "\n" + messageId;
    }

    public static List<String> list(String ids) {
        return ids == null || ids.isEmpty() ? List.of() : Arrays.asList(ids.split("\n"));
    }
}
