package io.laneway.poolservice.orders;

import io.laneway.contracts.order.OrderCommands;
import io.laneway.contracts.order.PaymentRefunded;
import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import org.springframework.stereotype.Component;

/**
 * {@code order.refund-payment} (compensation): books a refund of exactly what was charged for the order, once (the
 * ledger's unique (order, kind) makes a repeat a no-op that answers again), so an order's ledger entries sum to zero
 * afterwards. Refused when the ledger holds no charge with the command's payment id, when the amount is not the
 * charge, or when the order has shipped (a shipped order is not undone by a command).
 */
@Component
public class RefundPaymentHandler implements EnvelopeHandler<OrderCommands.RefundPayment> {

    @Override
    public String type() {
        return OrderCommands.RefundPayment.TYPE;
    }

    @Override
    public Class<OrderCommands.RefundPayment> payloadType() {
        return OrderCommands.RefundPayment.class;
    }

    @Override
    public void handle(OrderCommands.RefundPayment command, HandlerContext context) {
        OrderRecords records = new OrderRecords(context.jdbc(), command.orderId());
        records.lock();
        OrderRecords.Charge charge = records.charge().orElseThrow(() -> records.refused(type(), "nothing was charged for it"));
        if (!charge.paymentId().equals(command.paymentId())) {
            throw records.refused(type(), "payment '" + command.paymentId() + "' is not the order's charge");
        }
        if (command.amountCents() != charge.amountCents()) {
            throw records.refused(type(), "it asks for " + command.amountCents() + " cents; " + charge.amountCents() + " were charged");
        }
        if (records.shipped()) {
            throw records.refused(type(), "the order has shipped");
        }
        context.jdbc().sql("""
                insert into payment_ledger (payment_id, order_id, kind, amount_cents) values (?, ?, 'REFUND', ?)
                on conflict (order_id, kind) do nothing""").params(charge.paymentId(), command.orderId(), -charge.amountCents()).update();
        OrderEvents.emit(context, command.orderId(), new PaymentRefunded(charge.paymentId()));
    }
}
