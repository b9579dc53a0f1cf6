package io.laneway.projection.query;

/**
 * Who may read a message's status or an order: the client that published it, and operators (scope {@code admin}). Anyone else
 * is told the message does not exist (404, not 403), so ids cannot be probed for other clients' traffic. A view
 * without an owner was folded from events that predate the {@code client} field: it stays readable by any
 * authenticated caller. Pure.
 */
public final class MessageAccess {

    private MessageAccess() {
    }

    public static boolean mayRead(String owner, String caller, boolean admin) {
        return admin || owner == null || owner.equals(caller);
    }

    /**
     * Who may read an order: the client that placed it, and operators. Orders carry customer ids, amounts and payment
     * ids, so an order whose owner is not known (placed before orders recorded it) is shown to operators only.
     */
    public static boolean mayReadOrder(String owner, String caller, boolean admin) {
        return admin || (owner != null && owner.equals(caller));
    }
}
