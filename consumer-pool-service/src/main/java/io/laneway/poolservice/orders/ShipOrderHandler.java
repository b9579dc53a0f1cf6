package io.laneway.poolservice.orders;

import io.laneway.contracts.order.OrderCommands;
import io.laneway.contracts.order.OrderShipped;
import io.laneway.contracts.order.ShippingFailed;
import io.laneway.pool.handler.Checkpoints;
import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import io.laneway.pool.handler.TransactionScope;
import io.laneway.poolservice.ExamplesProperties;
import org.springframework.stereotype.Component;

/**
 * {@code order.ship} (long-running): works through the shipping steps with a checkpoint after each (written at
 * most once per {@code laneway.pool.checkpoint-interval}, so quick shipments write none), so a crash resumes near
 * where it stopped; a share of orders ({@code laneway.pool.examples.shipping.failure-rate},
 * decided by order id) cannot be shipped. One shipment per order, and only of a paid order that was not cancelled.
 */
@Component
public class ShipOrderHandler implements EnvelopeHandler<OrderCommands.ShipOrder> {

    private final double failureRate;

    public ShipOrderHandler(ExamplesProperties examples) {
        this.failureRate = examples.shipping().failureRate();
    }

    @Override
    public String type() {
        return OrderCommands.ShipOrder.TYPE;
    }

    @Override
    public Class<OrderCommands.ShipOrder> payloadType() {
        return OrderCommands.ShipOrder.class;
    }

    /** The steps wait (and checkpoint in transactions of their own) before the one write: no connection is held meanwhile. */
    @Override
    public TransactionScope transactionScope() {
        return TransactionScope.ENVELOPE;
    }

    /** Only a paid order whose payment was not refunded and whose stock is still reserved is shipped. */
    private void requirePaidAndNotCancelled(OrderRecords records) {
        records.lock();
        if (records.charge().isEmpty()) {
            throw records.refused(type(), "the order is not paid");
        }
        if (records.refunded() || !records.reservationStatus().orElse("none").equals("RESERVED")) {
            throw records.refused(type(), "the order was cancelled (refunded or its stock released)");
        }
    }

    @Override
    public void handle(OrderCommands.ShipOrder command, HandlerContext context) throws InterruptedException {
        if (PaymentGateway.declinedByRule("ship-" + command.orderId(), failureRate)) {
            OrderEvents.emit(context, command.orderId(), new ShippingFailed("no carrier accepts order " + command.orderId()));
            return;
        }
        Checkpoints checkpoints = context.checkpoints();
        int steps = Math.max(1, command.steps());
        for (int step = checkpoints.last().map(Integer::parseInt).orElse(0); step < steps; step++) {
            Thread.sleep(command.stepMillis()); // picking, packing, handing over
            checkpoints.save(String.valueOf(step + 1), (step + 1) * 100 / steps);
        }
        // checked at the write, not before the steps: the transaction opens at the first jdbc() call, and the steps
        // must not hold a connection while they wait
        requirePaidAndNotCancelled(new OrderRecords(context.jdbc(), command.orderId()));
        String tracking = "TRK-" + Integer.toHexString(command.orderId().hashCode());
        context.jdbc().sql("insert into shipment (order_id, tracking_number) values (?, ?) on conflict (order_id) do nothing")
                .params(command.orderId(), tracking).update();
        OrderEvents.emit(context, command.orderId(), new OrderShipped(tracking));
    }
}
