package io.laneway.projection.sales;

import java.time.Duration;

import io.laneway.contracts.projection.ProductSales;
import io.laneway.contracts.serde.LanewaySerdes;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Completed sales re-keyed by product (one repartition: only completed orders' lines travel, a small stream)
 * into tumbling 5-minute windows ({@value #WINDOWED_STORE}) and a running total ({@value #TOTAL_STORE}).
 * Both stores hang off the same repartition topic, so one product's windows and total live on the same instance.
 */
public final class ProductSalesTopology {

    public static final String WINDOWED_STORE = "product-sales-5m";
    public static final String TOTAL_STORE = "product-sales-total";
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private ProductSalesTopology() {
    }

    public static void build(KStream<String, ProductSales> sales, String registryUrl, Duration grace, Duration retention) {
        Serde<ProductSales> serde = LanewaySerdes.specificAvro(registryUrl, false);
        KGroupedStream<String, ProductSales> byProduct = sales.groupByKey(Grouped.with("product-sales", Serdes.String(), serde));
        byProduct.windowedBy(TimeWindows.ofSizeAndGrace(WINDOW, grace))
                .aggregate(ProductSalesTopology::none, (sku, sale, sum) -> plus(sum, sale),
                        Materialized.<String, ProductSales, WindowStore<Bytes, byte[]>>as(WINDOWED_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(serde).withRetention(retention.plus(WINDOW).plus(grace)));
        byProduct.aggregate(ProductSalesTopology::none, (sku, sale, sum) -> plus(sum, sale),
                Materialized.<String, ProductSales, KeyValueStore<Bytes, byte[]>>as(TOTAL_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(serde));
    }

    public static ProductSales none() {
        return new ProductSales(0L, 0L, 0L);
    }

    public static ProductSales plus(ProductSales a, ProductSales b) {
        return new ProductSales(a.getOrders() + b.getOrders(), a.getQuantity() + b.getQuantity(), a.getRevenueCents() + b.getRevenueCents());
    }
}
