package io.laneway.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Products to try the order saga with on a local run. The database is fresh at every {@code ./laneway} start, and
 * an order for a product the inventory does not know is rejected (the saga cancels it), so the launcher stocks these.
 * Named {@code demo-*} so they never collide with the products tests stock on a platform of their own.
 */
final class DemoCatalog {

    static final String IN_STOCK = "demo-tea";
    static final String SOLD_OUT = "demo-sold-out";
    static final List<Product> PRODUCTS = List.of(new Product(IN_STOCK, 1_000), new Product("demo-mug", 1_000),
            new Product("demo-book", 1_000), new Product(SOLD_OUT, 0));

    record Product(String sku, int units) {
    }

    private DemoCatalog() {
    }

    /** Stocks the demo products in the pool's database (idempotent: a product already there keeps its count). */
    static void stock(String jdbcUrl, String user, String password) {
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
             PreparedStatement insert = db.prepareStatement("insert into stock (sku, available) values (?, ?) on conflict (sku) do nothing")) {
            for (Product product : PRODUCTS) {
                insert.setString(1, product.sku());
                insert.setInt(2, product.units());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not stock the demo products in " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /** The body of a {@code POST /v1/messages} placing one order of {@code quantity} units of {@code sku}. */
    static String placeOrder(String orderId, String sku, int quantity) {
        return "{\"type\":\"order.place\",\"payload\":{\"orderId\":\"" + orderId + "\",\"customerId\":\"demo-customer\","
                + "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"unitPriceCents\":450}]}}";
    }
}
