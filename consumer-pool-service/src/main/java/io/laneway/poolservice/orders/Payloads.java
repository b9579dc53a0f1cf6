package io.laneway.poolservice.orders;

import java.util.List;

/** The JSON payloads of the order commands (the saga sends them through the router's ingress topic). */
public final class Payloads {

    private Payloads() {
    }

    public record Line(String sku, int quantity, long unitPriceCents) {
    }

    public record PlaceOrder(String orderId, String customerId, List<Line> lines) {
    }

    public record StockLine(String sku, int quantity) {
    }

    public record ReserveStock(String orderId, List<StockLine> lines) {
    }

    public record ReleaseStock(String orderId, String reservationId) {
    }

    public record ChargePayment(String orderId, String customerId, long amountCents) {
    }

    public record RefundPayment(String orderId, String paymentId, long amountCents) {
    }

    public record ShipOrder(String orderId, String customerId, int steps, long stepMillis) {
    }
}
