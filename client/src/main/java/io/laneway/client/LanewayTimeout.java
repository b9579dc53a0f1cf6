package io.laneway.client;

import java.time.Duration;

/** A status did not become final within the deadline; {@link #lastSeen()} says where the message stood (null: not seen). */
public class LanewayTimeout extends RuntimeException {

    private final transient MessageStatus lastSeen;

    public LanewayTimeout(String id, Duration deadline, MessageStatus lastSeen) {
        super("Message " + id + " was not final within " + deadline + " (last status: "
                + (lastSeen == null ? "not seen yet" : lastSeen.status()) + ")");
        this.lastSeen = lastSeen;
    }

    public MessageStatus lastSeen() {
        return lastSeen;
    }
}
