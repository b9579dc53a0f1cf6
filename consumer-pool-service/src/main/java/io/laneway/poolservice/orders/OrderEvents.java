package io.laneway.poolservice.orders;

import java.time.Instant;
import java.util.UUID;

import io.laneway.contracts.Topics;
import io.laneway.contracts.order.OrderEvent;
import io.laneway.pool.handler.HandlerContext;

/** Participants answer the saga with order events, through the outbox (key = order id, so per-order order holds). */
final class OrderEvents {

    private OrderEvents() {
    }

    static void emit(HandlerContext context, String orderId, Object event) {
        context.emit(Topics.ORDER_EVENTS, orderId, OrderEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOrderId(orderId).setOccurredAt(Instant.now()).setEvent(event).build());
    }
}
