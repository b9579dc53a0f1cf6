package io.laneway.router.ingest;

/** The 202 answer: where the message went and where to ask about it. */
public record PublishResponse(String id, String lane, String status, String statusUrl) {
}
