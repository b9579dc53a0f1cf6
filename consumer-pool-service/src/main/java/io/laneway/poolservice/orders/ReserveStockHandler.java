package io.laneway.poolservice.orders;

import io.laneway.contracts.order.OrderCommands;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.laneway.contracts.order.StockRejected;
import io.laneway.contracts.order.StockReserved;
import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import io.laneway.pool.handler.TransactionScope;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * {@code order.reserve-stock}: reserves every line or none, in a transaction of its own. Availability is checked for all
 * lines before any is taken; the stock rows are locked last, in SKU order (no deadlock between two orders). One reservation per order, so a
 * repeated command answers with the existing reservation instead of taking stock twice.
 */
@Component
public class ReserveStockHandler implements EnvelopeHandler<OrderCommands.ReserveStock> {

    @Override
    public String type() {
        return OrderCommands.ReserveStock.TYPE;
    }

    @Override
    public Class<OrderCommands.ReserveStock> payloadType() {
        return OrderCommands.ReserveStock.class;
    }

    /**
     * Every order locks the stock rows of its products, the hottest rows of the shop: a transaction of its own
     * holds them only for this order (in SKU order, so two orders never deadlock), not until a whole batch commits.
     */
    @Override
    public TransactionScope transactionScope() {
        return TransactionScope.ENVELOPE;
    }

    @Override
    public void handle(OrderCommands.ReserveStock command, HandlerContext context) {
        var jdbc = context.jdbc();
        Optional<String> existing = jdbc.sql("select reservation_id from stock_reservation where order_id = ? and status = 'RESERVED'")
                .param(command.orderId()).query(String.class).optional();
        if (existing.isPresent()) {
            OrderEvents.emit(context, command.orderId(), new StockReserved(existing.get()));
            return;
        }
        Map<String, Integer> wanted = command.lines().stream()
                .collect(Collectors.toMap(OrderCommands.StockLine::sku, OrderCommands.StockLine::quantity, Integer::sum));
        List<String> skus = wanted.keySet().stream().sorted(Comparator.naturalOrder()).toList();
        for (String sku : skus) {
            if (wanted.get(sku) < 1) { // taking a negative quantity would add stock
                OrderEvents.emit(context, command.orderId(), new StockRejected(wanted.get(sku) + " of " + sku + " wanted: a quantity is at least 1"));
                return;
            }
        }
        // refusals are decided without a lock: reading a committed value is enough to say "not enough"
        for (String sku : skus) {
            Integer available = jdbc.sql("select available from stock where sku = ?").param(sku).query(Integer.class).optional().orElse(null);
            if (available == null || available < wanted.get(sku)) {
                OrderEvents.emit(context, command.orderId(), new StockRejected(available == null
                        ? "unknown sku " + sku : "only " + available + " of " + sku + " left, " + wanted.get(sku) + " wanted"));
                return;
            }
        }
        String reservationId = UUID.randomUUID().toString();
        jdbc.sql("insert into stock_reservation (reservation_id, order_id, status) values (?, ?, 'RESERVED')")
                .params(reservationId, command.orderId()).update();
        for (String sku : skus) {
            jdbc.sql("insert into stock_reservation_line (reservation_id, sku, quantity) values (?, ?, ?)")
                    .params(reservationId, sku, wanted.get(sku)).update();
        }
        // The stock rows are the hottest rows of the shop, so they are locked last (in SKU order: no deadlock between
        // two orders), and held only for these updates, the outbox rows and the commit.
        for (String sku : skus) {
            int taken = jdbc.sql("update stock set available = available - ? where sku = ? and available >= ?")
                    .params(wanted.get(sku), sku, wanted.get(sku)).update();
            if (taken == 0) {
                // another order took the last units after the check above: a lost race, so the pool rolls back and
                // runs this envelope again a moment later (no attempt spent), when the check refuses the order
                throw new OptimisticLockingFailureException("the stock of " + sku + " was taken by another order meanwhile");
            }
        }
        OrderEvents.emit(context, command.orderId(), new StockReserved(reservationId));
    }
}
