package io.laneway.saga.order;

/** Keys of the deadline index: zero-padded epoch millis, so byte order is time order, then the order id. */
final class DeadlineKeys {

    private DeadlineKeys() {
    }

    static String of(long deadlineMillis, String orderId) {
        return String.format("%020d|%s", deadlineMillis, orderId);
    }

    static String first() {
        return String.format("%020d|", 0L);
    }

    /** Every key with a deadline at or before {@code millis} sorts before this one. */
    static String upTo(long millis) {
        return String.format("%020d|\uffff", millis);
    }
}
