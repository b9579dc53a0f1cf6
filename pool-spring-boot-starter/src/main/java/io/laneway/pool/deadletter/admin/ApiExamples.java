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
             "headers": {"source": "local", "acceptedAt": "2026-12-05T00:18:09.541Z", "traceId": "d5431527d2a14c38be9232354bcae91a",
                         "idempotencyKey": null, "correlationId": null, "priority": "NORMAL", "orderingKey": null, "lane": "FAST",
                         "routedAt": "2026-12-05T00:18:09.552Z", "attempt": 3, "maxAttempts": 3, "deadline": "2026-12-05T00:23:09.552Z"},
             "audit": []}""";

    static final String REPLAYED = SUMMARY_HEAD + "\"status\": \"REPLAYED\"" + SUMMARY_TAIL;

    static final String DISCARDED = SUMMARY_HEAD + "\"status\": \"DISCARDED\"" + SUMMARY_TAIL;

    static final String ACTION = """
            {"reason": "downstream gateway fixed (INC-4711)"}""";

    /** A replay with the payload corrected (a discard takes only the reason). */
    static final String EDITED_REPLAY = """
            {"reason": "name shortened to fit the card (INC-4712)", "payload": {"name": "Ada"}}""";

    static final String GROUPS = """
            [{"fingerprint": "9f2c1d4e8a7b6c5d4e3f2a1b0c9d8e7f", "type": "demo.greet", "lane": "fast",
              "errorClass": "java.lang.IllegalArgumentException",
              "errorMessage": "a name of 140 characters does not fit on a greeting card (at most 60)", "count": 3,
              "firstSeen": "2026-12-05T03:10:02.114Z", "lastSeen": "2026-12-05T03:12:40.902Z"}]""";

    static final String REPLAY_FILTER = """
            {"type": "demo.work", "lane": "fast", "errorClass": "java.lang.AssertionError", "limit": 100,
             "since": "2026-12-05T00:00:00Z", "reason": "fix deployed in 1.4.2", "dryRun": true, "ratePerSecond": 50}""";

    static final String BULK_REPLAYED = """
            {"dryRun": false, "replayed": 2, "ids": [1, 2], "held": [3], "ratePerSecond": 50}""";

    private ApiExamples() {
    }
}
