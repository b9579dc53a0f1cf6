package io.laneway.pool.participants.order;

import io.laneway.contracts.order.PaymentRefunded;
import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import org.springframework.stereotype.Component;

/**
 * {@code order.refund-payment} (compensation): books a refund equal to the charge, once per order (the ledger's
 * unique (order, kind) makes a repeat a no-op), so an order's ledger entries sum to zero afterwards.
 */
@Component
public class RefundPaymentHandler implements EnvelopeHandler<Payloads.RefundPayment> {

    @Override
    public String type() {
        return "order.refund-payment";
    }

    @Override
    public Class<Payloads.RefundPayment> payloadType() {
        return Payloads.RefundPayment.class;
    }

    @Override
    public void handle(Payloads.RefundPayment command, HandlerContext context) {
        context.jdbc().sql("""
                insert into payment_ledger (payment_id, order_id, kind, amount_cents)
                select payment_id, order_id, 'REFUND', -amount_cents from payment_ledger where order_id = ? and kind = 'CHARGE'
                on conflict (order_id, kind) do nothing""").param(command.orderId()).update();
        OrderEvents.emit(context, command.orderId(), new PaymentRefunded(command.paymentId()));
    }
}
