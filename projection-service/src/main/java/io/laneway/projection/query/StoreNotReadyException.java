package io.laneway.projection.query;

/** A read model cannot answer right now (starting, restoring, rebalancing): the caller gets 503 + Retry-After. */
public class StoreNotReadyException extends RuntimeException {

    public StoreNotReadyException(String store) {
        super("The read model '" + store + "' is starting, restoring or rebalancing; retry in a moment.");
    }
}
