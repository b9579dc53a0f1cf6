package io.laneway.router.ingest;

/** The OpenAPI document's examples of the publish API: what a client sends and what it gets back. */
final class ApiExamples {

    static final String PUBLISH = """
            {"type": "demo.greet", "priority": "high", "orderingKey": "customer-42", "payload": {"name": "Ada"},
             "idempotencyKey": "greet-ada-2026-12-05", "correlationId": "signup-7f3a"}""";

    static final String ACCEPTED = """
            {"id": "0b7c9e52-3f0e-4d7a-9c1e-6f2b8d4a1c33", "lane": "FAST", "status": "ROUTED",
             "statusUrl": "https://laneway.example.com/v1/messages/0b7c9e52-3f0e-4d7a-9c1e-6f2b8d4a1c33"}""";

    static final String BATCH = """
            {"messages": [{"type": "demo.greet", "payload": {"name": "Ada"}},
                          {"type": "report.render", "priority": "low", "payload": {"reportId": "r-17", "pages": 40}}]}""";

    static final String BATCH_ACCEPTED = """
            {"accepted": 2, "rejected": 0, "results": [
              {"index": 0, "status": 202, "id": "0b7c9e52-3f0e-4d7a-9c1e-6f2b8d4a1c33", "lane": "FAST",
               "statusUrl": "https://laneway.example.com/v1/messages/0b7c9e52-3f0e-4d7a-9c1e-6f2b8d4a1c33"},
              {"index": 1, "status": 202, "id": "5d1f0a94-8b2c-4e6f-a7d3-2c9e1b0f4a58", "lane": "HEAVY",
               "statusUrl": "https://laneway.example.com/v1/messages/5d1f0a94-8b2c-4e6f-a7d3-2c9e1b0f4a58"}]}""";

    static final String BATCH_MIXED = """
            {"accepted": 1, "rejected": 1, "results": [
              {"index": 0, "status": 202, "id": "0b7c9e52-3f0e-4d7a-9c1e-6f2b8d4a1c33", "lane": "FAST",
               "statusUrl": "https://laneway.example.com/v1/messages/0b7c9e52-3f0e-4d7a-9c1e-6f2b8d4a1c33"},
              {"index": 1, "status": 422, "title": "Unknown message type",
               "detail": "No message type 'report.rendr'. GET /v1/types lists the types you may publish."}]}""";

    private ApiExamples() {
    }
}
