package io.laneway.pool.participants.order;

import java.util.Optional;

import io.laneway.contracts.order.PaymentCharged;
import io.laneway.contracts.order.PaymentDeclined;
import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import org.springframework.stereotype.Component;

/**
 * {@code order.charge-payment}: charges through the gateway (circuit breaker {@code payment-gateway}) and books
 * the charge in the ledger, once per order: a repeated command answers with the booked charge.
 */
@Component
public class ChargePaymentHandler implements EnvelopeHandler<Payloads.ChargePayment> {

    private final PaymentGateway gateway;

    public ChargePaymentHandler(PaymentGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public String type() {
        return "order.charge-payment";
    }

    @Override
    public Class<Payloads.ChargePayment> payloadType() {
        return Payloads.ChargePayment.class;
    }

    @Override
    public String downstream() {
        return "payment-gateway";
    }

    @Override
    public void handle(Payloads.ChargePayment command, HandlerContext context) throws Exception {
        Optional<String> booked = context.jdbc().sql("select payment_id from payment_ledger where order_id = ? and kind = 'CHARGE'")
                .param(command.orderId()).query(String.class).optional();
        if (booked.isPresent()) {
            OrderEvents.emit(context, command.orderId(), new PaymentCharged(booked.get(), command.amountCents()));
            return;
        }
        switch (gateway.charge(command.orderId(), command.amountCents())) {
            case PaymentGateway.Approved approved -> {
                context.jdbc().sql("insert into payment_ledger (payment_id, order_id, kind, amount_cents) values (?, ?, 'CHARGE', ?)")
                        .params(approved.paymentId(), command.orderId(), command.amountCents()).update();
                OrderEvents.emit(context, command.orderId(), new PaymentCharged(approved.paymentId(), command.amountCents()));
            }
            case PaymentGateway.Declined declined -> OrderEvents.emit(context, command.orderId(), new PaymentDeclined(declined.reason()));
        }
    }
}
