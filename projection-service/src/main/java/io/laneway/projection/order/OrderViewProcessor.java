package io.laneway.projection.order;

import io.laneway.contracts.order.OrderEvent;
import io.laneway.contracts.order.OrderLine;
import io.laneway.contracts.projection.OrderStatus;
import io.laneway.contracts.projection.OrderView;
import io.laneway.contracts.projection.ProductSales;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the {@value OrderViewTopology#STORE} store and, the first time an order is completed with its items
 * known, forwards one sale per line (key = product) for the sales views. "Items known" matters because the
 * completion can overtake the placement; the sale is then forwarded when the placement arrives.
 */
final class OrderViewProcessor implements Processor<String, OrderEvent, String, ProductSales> {

    private ProcessorContext<String, ProductSales> context;
    private KeyValueStore<String, OrderView> orders;

    @Override
    public void init(ProcessorContext<String, ProductSales> context) {
        this.context = context;
        this.orders = context.getStateStore(OrderViewTopology.STORE);
    }

    @Override
    public void process(Record<String, OrderEvent> record) {
        String orderId = record.key() != null ? record.key() : record.value().getOrderId();
        OrderView before = orders.get(orderId);
        OrderView after = OrderViewTransition.apply(before, record.value());
        if (after == before) {
            return;
        }
        orders.put(orderId, after);
        if (sold(after) && !sold(before)) {
            for (OrderLine line : after.getLines()) {
                context.forward(new Record<>(line.getSku(),
                        new ProductSales(1L, (long) line.getQuantity(), line.getQuantity() * line.getUnitPriceCents()), record.timestamp()));
            }
        }
    }

    private static boolean sold(OrderView view) {
        return view != null && view.getStatus() == OrderStatus.COMPLETED && !view.getLines().isEmpty();
    }
}
