package io.laneway.poolservice.orders;

import io.laneway.contracts.order.OrderCommands;
import io.laneway.contracts.order.OrderLine;
import io.laneway.contracts.order.OrderPlaced;
import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import io.laneway.pool.handler.NonRetryableProcessingException;
import org.springframework.stereotype.Component;

/** {@code order.place}: stores the order and emits OrderPlaced, which starts the saga. */
@Component
public class PlaceOrderHandler implements EnvelopeHandler<OrderCommands.PlaceOrder> {

    @Override
    public String type() {
        return OrderCommands.PlaceOrder.TYPE;
    }

    @Override
    public Class<OrderCommands.PlaceOrder> payloadType() {
        return OrderCommands.PlaceOrder.class;
    }

    @Override
    public void handle(OrderCommands.PlaceOrder order, HandlerContext context) {
        if (order.lines() == null || order.lines().isEmpty()) {
            throw new NonRetryableProcessingException("An order needs at least one line");
        }
        // the router refuses these at the door (the payload schema's minimums); this guards every other way in
        for (OrderCommands.Line line : order.lines()) {
            if (line.quantity() < 1 || line.unitPriceCents() < 0) {
                throw new NonRetryableProcessingException("Line " + line.sku() + " of order " + order.orderId() + ": quantity "
                        + line.quantity() + " and unit price " + line.unitPriceCents() + " cents; a quantity is at least 1 and a price not negative");
            }
        }
        String orderId = order.orderId() != null ? order.orderId() : context.envelope().getId();
        long total = total(order);
        int inserted = context.jdbc().sql("insert into shop_order (order_id, customer_id, total_cents) values (?, ?, ?) "
                        + "on conflict (order_id) do nothing")
                .params(orderId, order.customerId(), total).update();
        if (inserted == 0) {
            return; // the same order placed twice (another envelope): it already started its saga
        }
        OrderEvents.emit(context, orderId, OrderPlaced.newBuilder().setCustomerId(order.customerId()).setTotalCents(total)
                .setLines(order.lines().stream().map(l -> OrderLine.newBuilder().setSku(l.sku()).setQuantity(l.quantity())
                        .setUnitPriceCents(l.unitPriceCents()).build()).toList())
                .setPlacedBy(context.envelope().getMetadata().getSource())
                .build());
    }

    /** The order's total in cents; an order too large to count in a long is refused, not wrapped round to a small number. */
    private static long total(OrderCommands.PlaceOrder order) {
        try {
            long total = 0;
            for (OrderCommands.Line line : order.lines()) {
                total = Math.addExact(total, Math.multiplyExact(line.quantity(), line.unitPriceCents()));
            }
            return total;
        } catch (ArithmeticException e) {
            throw new NonRetryableProcessingException("The total of order " + order.orderId() + " does not fit in a long of cents");
        }
    }
}
