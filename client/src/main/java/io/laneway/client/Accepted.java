package io.laneway.client;

import java.net.URI;

/**
 * The router's 202: the message is durably in Kafka.
 *
 * @param id          the message's id
 * @param lane        FAST, HEAVY or LONG_RUNNING
 * @param statusUrl   where its status is read ({@link LanewayClient#awaitStatus})
 * @param keyRecorded false when the router could not record the idempotency key (a retry may then make a second message)
 */
public record Accepted(String id, String lane, URI statusUrl, boolean keyRecorded) {
}
