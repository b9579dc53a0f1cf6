package io.laneway.projection.query;

/** The OpenAPI document's examples of the read models: what each query answers, taken from a run of the demo. */
final class ApiExamples {

    static final String MESSAGE = """
            {"id": "eefdedce-82c5-4c66-9985-415ff4ea1d47", "type": "demo.work", "status": "DEAD_LETTERED", "lane": "FAST",
             "attempt": 5, "updatedAt": "2026-12-05T00:18:14.785Z", "durationMillis": 0,
             "error": "AssertionError: demo.work asked to fail with an Error",
             "timestamps": {"ROUTED": "2026-12-05T00:18:09.559Z", "FAILED": "2026-12-05T00:18:09.656Z",
                            "DEAD_LETTERED": "2026-12-05T00:18:14.785Z"},
             "payload": {"millis": 1, "failWith": "error"}, "traceId": "a25e561cc5d74c709c77b821a8489780",
             "history": [{"status": "ROUTED", "attempt": 1, "at": "2026-12-05T00:18:09.559Z", "error": null, "durationMillis": null},
                         {"status": "FAILED", "attempt": 1, "at": "2026-12-05T00:18:09.656Z",
                          "error": "AssertionError: demo.work asked to fail with an Error", "durationMillis": 0},
                         {"status": "FAILED", "attempt": 2, "at": "2026-12-05T00:18:14.702Z",
                          "error": "AssertionError: demo.work asked to fail with an Error", "durationMillis": 0},
                         {"status": "DEAD_LETTERED", "attempt": 5, "at": "2026-12-05T00:18:14.785Z",
                          "error": "AssertionError: demo.work asked to fail with an Error", "durationMillis": 0}]}""";

    static final String ORDER = """
            {"id": "order-1", "status": "COMPLETED", "customerId": "demo-customer",
             "lines": [{"sku": "demo-tea", "quantity": 2, "unitPriceCents": 450}], "totalCents": 900, "chargedCents": 900,
             "refundedCents": 0, "reservationId": "dab5ad8c-908f-4528-88c6-8ae0aaddea38", "paymentId": "pay-order-1",
             "trackingNumber": "TRK-49914392", "outcomeReason": null,
             "timeline": [{"event": "OrderPlaced", "at": "2026-12-05T00:17:54.549Z"},
                          {"event": "StockReserved", "at": "2026-12-05T00:17:55.871Z"},
                          {"event": "PaymentCharged", "at": "2026-12-05T00:17:56.093Z"},
                          {"event": "OrderShipped", "at": "2026-12-05T00:17:56.401Z"},
                          {"event": "OrderCompleted", "at": "2026-12-05T00:17:56.442Z"}]}""";

    static final String SALES = """
            {"product": "demo-tea", "from": "2026-12-04T23:17:58Z", "to": "2026-12-05T00:17:58Z",
             "windows": [{"start": "2026-12-05T00:15:00Z", "end": "2026-12-05T00:20:00Z",
                          "sales": {"orders": 1, "quantity": 2, "revenueCents": 900}}],
             "inRange": {"orders": 1, "quantity": 2, "revenueCents": 900},
             "total": {"orders": 1, "quantity": 2, "revenueCents": 900}}""";

    static final String LANE_STATS = """
            {"from": "2026-12-05T00:12:00Z", "to": "2026-12-05T00:17:58.333Z",
             "lanes": [{"lane": "FAST",
                        "total": {"order.place": {"accepted": 1, "completed": 1, "failed": 0, "p95Millis": 305}},
                        "minutes": [{"start": "2026-12-05T00:17:00Z",
                                     "types": {"order.place": {"accepted": 1, "completed": 1, "failed": 0, "p95Millis": 305}}}]}]}""";

    static final String LANE_PARTS = """
            [{"lane": "FAST", "type": "order.place", "windowStart": 1764893820000, "accepted": 1, "completed": 1, "failed": 0,
              "durationBuckets": [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]}]""";

    private ApiExamples() {
    }
}
