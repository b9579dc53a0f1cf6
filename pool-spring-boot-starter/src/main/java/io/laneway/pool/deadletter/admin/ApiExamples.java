package io.laneway.pool.deadletter.admin;

/** The OpenAPI document's examples of the dead-letter API, taken from a run of the demo. */
final class ApiExamples {

    private static final String SUMMARY_HEAD = """
            {"id": 1, "messageId": "eefdedce-82c5-4c66-9985-415ff4ea1d47", "type": "demo.work", "lane": "fast", """;

    private static final String SUMMARY_TAIL = """
            , "attempts": 5, "errorClass": "java.lang.AssertionError",
             "errorMessage": "demo.work asked to fail with an Error (eefdedce-82c5-4c66-9985-415ff4ea1d47)",
             "fingerprint": "2cc60c6576f5e151f8b92e8381a3d101", "dlqTopic": "laneway.dlq", "deadLetteredAt": "2026-12-05T00:18:14.775Z"}""";

    private static final String SUMMARY = SUMMARY_HEAD + "\"status\": \"OPEN\"" + SUMMARY_TAIL;

    static final String LIST = "{\"items\": [" + SUMMARY + "], \"page\": 0, \"size\": 50, \"total\": 1}";

    static final String DETAIL = "{\"summary\": " + SUMMARY + """
            , "originalTopic": "laneway.lane.fast", "originalPartition": 3, "originalOffset": 4,
             "traceId": "d5431527d2a14c38be9232354bcae91a", "firstFailedAt": "2026-12-05T00:18:09.633Z",
             "errorStack": "io.laneway.pool.processing.HandlerFailedException: Handler for demo.work failed ...", "envelopeBytes": 204,
             "payload": {"format": "json", "schemaId": null, "json": {"millis": 1, "failWith": "error"}, "unreadable": null},
             "audit": []}""";

    static final String REPLAYED = SUMMARY_HEAD + "\"status\": \"REPLAYED\"" + SUMMARY_TAIL;

    static final String DISCARDED = SUMMARY_HEAD + "\"status\": \"DISCARDED\"" + SUMMARY_TAIL;

    static final String ACTION = """
            {"reason": "downstream gateway fixed (INC-4711)"}""";

    static final String REPLAY_FILTER = """
            {"type": "demo.work", "lane": "fast", "errorClass": "java.lang.AssertionError", "limit": 100,
             "reason": "fix deployed in 1.4.2"}""";

    static final String BULK_REPLAYED = """
            {"replayed": 2, "ids": [1, 2], "held": [3]}""";

    private ApiExamples() {
    }
}
