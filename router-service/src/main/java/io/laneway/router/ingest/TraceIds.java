package io.laneway.router.ingest;

import java.util.UUID;
import java.util.regex.Pattern;

/** Continues the caller's W3C trace when it sent a traceparent header, otherwise starts one. */
final class TraceIds {

    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");

    private TraceIds() {
    }

    static String from(String traceparent) {
        if (traceparent != null) {
            var m = TRACEPARENT.matcher(traceparent.trim());
            if (m.matches() && !m.group(1).equals("0".repeat(32))) {
                return m.group(1);
            }
        }
        return UUID.randomUUID().toString().replace("-", "");
    }
}
