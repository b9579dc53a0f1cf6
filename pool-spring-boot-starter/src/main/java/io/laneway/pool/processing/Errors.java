package io.laneway.pool.processing;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Human-readable views of a failure, for lifecycle events and dead letters. */
public final class Errors {

    private Errors() {
    }

    public static Throwable root(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** {@code SimpleName: message} of the root cause. */
    public static String summary(Throwable error) {
        Throwable root = root(error);
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    public static String stackTrace(Throwable error, int maxChars) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        String text = out.toString();
        return text.length() <= maxChars ? text : text.substring(0, maxChars) + "\n... (truncated)";
    }
}
