package io.laneway.poolservice.orders;

import io.laneway.contracts.order.OrderCommands;
import io.laneway.contracts.order.StockReleased;
import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import io.laneway.pool.handler.TransactionScope;
import org.springframework.stereotype.Component;

/**
 * {@code order.release-stock} (compensation): puts a reservation's stock back, once; answers StockReleased. Refused
 * when the reservation is not the order's or the order has shipped.
 */
@Component
public class ReleaseStockHandler implements EnvelopeHandler<OrderCommands.ReleaseStock> {

    @Override
    public String type() {
        return OrderCommands.ReleaseStock.TYPE;
    }

    @Override
    public Class<OrderCommands.ReleaseStock> payloadType() {
        return OrderCommands.ReleaseStock.class;
    }

    /**
     * It locks the same hot stock rows as reserving does: see {@link ReserveStockHandler#transactionScope()}.
     */
    @Override
    public TransactionScope transactionScope() {
        return TransactionScope.ENVELOPE;
    }

    @Override
    public void handle(OrderCommands.ReleaseStock command, HandlerContext context) {
        var jdbc = context.jdbc();
        OrderRecords records = new OrderRecords(jdbc, command.orderId());
        records.lock();
        boolean theOrdersOwn = jdbc.sql("select count(*) from stock_reservation where reservation_id = ? and order_id = ?")
                .params(command.reservationId(), command.orderId()).query(Long.class).single() > 0;
        if (!theOrdersOwn) {
            throw records.refused(type(), "reservation '" + command.reservationId() + "' is not the order's");
        }
        if (records.shipped()) {
            throw records.refused(type(), "the order has shipped: its stock is gone");
        }
        int released = jdbc.sql("update stock_reservation set status = 'RELEASED' where reservation_id = ? and status = 'RESERVED'")
                .param(command.reservationId()).update();
        if (released == 1) {
            jdbc.sql("""
                    update stock s set available = s.available + l.quantity
                    from stock_reservation_line l where l.reservation_id = ? and l.sku = s.sku""")
                    .param(command.reservationId()).update();
        }
        OrderEvents.emit(context, command.orderId(), new StockReleased(command.reservationId()));
    }
}
