package io.laneway.poolservice.orders;

import io.laneway.contracts.order.OrderCommands;
import java.util.Objects;
import java.util.Optional;

import io.laneway.contracts.order.PaymentCharged;
import io.laneway.contracts.order.PaymentDeclined;
import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import org.springframework.stereotype.Component;

/**
 * {@code order.charge-payment}: charges the order's stored total through the gateway (circuit breaker
 * {@code payment-gateway}) and books it in the ledger, once per order: a repeated command answers with the booked
 * charge. The command must match the records: a placed order of that customer and total, with its stock reserved.
 */
@Component
public class ChargePaymentHandler implements EnvelopeHandler<OrderCommands.ChargePayment> {

    private final PaymentGateway gateway;

    public ChargePaymentHandler(PaymentGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public String type() {
        return OrderCommands.ChargePayment.TYPE;
    }

    @Override
    public Class<OrderCommands.ChargePayment> payloadType() {
        return OrderCommands.ChargePayment.class;
    }

    @Override
    public String downstream() {
        return "payment-gateway";
    }

    @Override
    public void handle(OrderCommands.ChargePayment command, HandlerContext context) throws Exception {
        OrderRecords records = new OrderRecords(context.jdbc(), command.orderId());
        Optional<OrderRecords.Charge> booked = records.charge();
        if (booked.isPresent()) {
            OrderEvents.emit(context, command.orderId(), new PaymentCharged(booked.get().paymentId(), booked.get().amountCents()));
            return;
        }
        OrderRecords.Placed order = records.placed(type());
        if (command.amountCents() != order.totalCents()) {
            throw records.refused(type(), "it asks for " + command.amountCents() + " cents; the order totals " + order.totalCents());
        }
        if (command.customerId() != null && !Objects.equals(command.customerId(), order.customerId())) {
            throw records.refused(type(), "it names customer '" + command.customerId() + "', not the order's customer");
        }
        String reservation = records.reservationStatus().orElse("no reservation");
        if (!reservation.equals("RESERVED")) {
            throw records.refused(type(), "the order has no stock reserved (" + reservation + ")");
        }
        switch (gateway.charge(command.orderId(), order.totalCents())) {
            case PaymentGateway.Approved approved -> {
                context.jdbc().sql("insert into payment_ledger (payment_id, order_id, kind, amount_cents) values (?, ?, 'CHARGE', ?)")
                        .params(approved.paymentId(), command.orderId(), order.totalCents()).update();
                OrderEvents.emit(context, command.orderId(), new PaymentCharged(approved.paymentId(), order.totalCents()));
            }
            case PaymentGateway.Declined declined -> OrderEvents.emit(context, command.orderId(), new PaymentDeclined(declined.reason()));
        }
    }
}
