package io.laneway.pool.outbox;

/** The PostgreSQL NOTIFY channel a committing batch signals and the outbox relay listens on. */
public final class OutboxChannel {

    public static final String NAME = "laneway_outbox";

    private OutboxChannel() {
    }
}
