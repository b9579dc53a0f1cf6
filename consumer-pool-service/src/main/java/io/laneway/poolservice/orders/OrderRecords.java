package io.laneway.poolservice.orders;

import java.util.Optional;

import io.laneway.pool.handler.NonRetryableProcessingException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the participants read from their own tables before they act: a command's amounts and ids prove nothing by
 * themselves (it names an order; the order's rows say what may be done to it). A command the records do not back is
 * refused with the reason, which dead-letters it before anything is written.
 */
final class OrderRecords {

    record Placed(String customerId, long totalCents) {
    }

    record Charge(String paymentId, long amountCents) {
    }

    private final JdbcClient jdbc;
    private final String orderId;

    OrderRecords(JdbcClient jdbc, String orderId) {
        this.jdbc = jdbc;
        this.orderId = orderId;
    }

    Placed placed(String command) {
        return jdbc.sql("select customer_id, total_cents from shop_order where order_id = ?").param(orderId)
                .query((rs, n) -> new Placed(rs.getString(1), rs.getLong(2))).optional()
                .orElseThrow(() -> refused(command, "no such order was placed"));
    }

    /**
     * Locks the order's row until the transaction ends. Shipping and the compensations (refund, release) run on
     * different lanes, so they may run at once: each takes this lock before it checks the others' rows, so one sees
     * what the other committed (no shipped-and-refunded order).
     */
    void lock() {
        jdbc.sql("select order_id from shop_order where order_id = ? for update").param(orderId).query(String.class).optional();
    }

    Optional<Charge> charge() {
        return jdbc.sql("select payment_id, amount_cents from payment_ledger where order_id = ? and kind = 'CHARGE'").param(orderId)
                .query((rs, n) -> new Charge(rs.getString(1), rs.getLong(2))).optional();
    }

    boolean refunded() {
        return exists("select count(*) from payment_ledger where order_id = ? and kind = 'REFUND'");
    }

    boolean shipped() {
        return exists("select count(*) from shipment where order_id = ?");
    }

    /** RESERVED or RELEASED, or empty when the order has no reservation. */
    Optional<String> reservationStatus() {
        return jdbc.sql("select status from stock_reservation where order_id = ?").param(orderId).query(String.class).optional();
    }

    NonRetryableProcessingException refused(String command, String reason) {
        return new NonRetryableProcessingException(command + " for order " + orderId + " refused: " + reason);
    }

    private boolean exists(String countQuery) {
        return jdbc.sql(countQuery).param(orderId).query(Long.class).single() > 0;
    }
}
