package io.laneway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.laneway.contracts.Topics;
import io.laneway.contracts.serde.AvroRegistryDeserializer;
import io.laneway.contracts.serde.AvroRegistrySerializer;
import io.laneway.infra.Await;
import io.laneway.infra.ConsumerLags;
import io.laneway.infra.TopicReader;
import io.laneway.launcher.faults.PoolProcess;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 1,000 orders through the whole platform (router -> pool participants -> saga on Kafka Streams -> router
 * ingress -> pool ...), with ~10% payment declines and 5% orders for a sold-out product, and the orchestrator
 * killed (SIGKILL) and restarted in the middle: every order ends completed or compensated exactly once, and
 * stock and ledger balance to the unit. On the launcher tests' shared platform ({@link SecuredPlatform}): its orders and
 * products are its own ({@code saga-e2e-*}), and every sum counts only them.
 */
@ExtendWith(SecuredPlatform.class)
class OrderSagaEndToEndTest {

    private static final int ORDERS = 1000;
    private static final int SKUS = 10;
    private static final int STOCK_PER_SKU = 10_000;
    /** This test's orders and products: the shared platform also holds other tests' orders, which its sums must not count. */
    private static final String PREFIX = "saga-e2e-";
    private static Platform platform;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void platform() {
        // the shared platform's pool declines ~10% of payments; its saga waits 2 minutes for a step (SecuredPlatform)
        platform = SecuredPlatform.platform();
    }

    @Test
    void everyOrderCompletesOrIsCompensatedAndStockAndLedgerBalance() throws Exception {
        Await.until("the pool's tables", Duration.ofSeconds(60), () -> query("select count(*) from stock") >= 0);
        for (int i = 0; i < SKUS; i++) {
            update("insert into stock (sku, available) values ('" + PREFIX + "sku-" + i + "', " + STOCK_PER_SKU + ")");
        }
        update("insert into stock (sku, available) values ('" + PREFIX + "sold-out', 0)");

        List<String> orderIds = new ArrayList<>();
        StringBuilder batch = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < ORDERS; i++) {
            String orderId = PREFIX + UUID.randomUUID();
            orderIds.add(orderId);
            String sku = PREFIX + (i % 20 == 0 ? "sold-out" : "sku-" + (i % SKUS));
            batch.append(i == 0 ? "" : ",").append("{\"type\":\"order.place\",\"payload\":{\"orderId\":\"").append(orderId)
                    .append("\",\"customerId\":\"c-").append(i % 50).append("\",\"lines\":[{\"sku\":\"").append(sku)
                    .append("\",\"quantity\":").append(1 + i % 3).append(",\"unitPriceCents\":250}]}}");
        }
        batch.append("]}");
        var placed = http.send(HttpRequest.newBuilder(URI.create(platform.routerUrl() + "/v1/messages:batch"))
                .header("Content-Type", "application/json").header("X-API-Key", platform.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);

        try (OrderOutcomes read = new OrderOutcomes(orderIds)) {
            awaitOrExplain("a third of the orders decided", Duration.ofSeconds(180), read, () -> read.poll().size() >= ORDERS / 3);
            platform.crashAndRestart("saga-orchestrator");
            awaitOrExplain("every order decided", Duration.ofSeconds(300), read, () -> read.poll().size() >= ORDERS);
            assertOutcomesAndBalances(orderIds, read.poll());
        }
        // counted from the orchestrator's store: the restarted instance knew the sagas left open by the killed one
        Await.until("the orchestrator's in-flight gauge back to 0", Duration.ofSeconds(30), () -> sagasInFlight() == 0);
    }

    private double sagasInFlight() {
        String scrape = PoolProcess.metrics(platform.ports().saga());
        return scrape.contains("laneway_saga_in_flight") ? PoolProcess.sample(scrape, "laneway_saga_in_flight") : Double.NaN;
    }

    private void assertOutcomesAndBalances(List<String> orderIds, Map<String, List<String>> outcomes) {
        assertThat(outcomes.keySet()).containsExactlyInAnyOrderElementsOf(orderIds);
        assertThat(outcomes.values()).as("one outcome per order, never two").allMatch(o -> o.size() == 1);
        long completed = outcomes.values().stream().filter(o -> o.getFirst().equals("OrderCompleted")).count();
        long cancelled = ORDERS - completed;
        Map<String, Long> reasons = outcomes.values().stream().map(List::getFirst)
                .collect(java.util.stream.Collectors.groupingBy(o -> o, java.util.stream.Collectors.counting()));
        assertThat(cancelled).as("sold-out (5%%) and declined (~10%%) orders are cancelled; outcomes: %s", reasons)
                .isBetween(100L, 250L);

        Await.until("no stock held by a cancelled order, no money kept from one", Duration.ofSeconds(120), () -> {
            long held = query("select count(*) from stock_reservation r join shop_order o on o.order_id = r.order_id "
                    + "where r.status = 'RESERVED' and o.order_id like '" + PREFIX + "%'");
            return held == completed;
        });
        for (int i = 0; i < SKUS; i++) {
            long available = query("select available from stock where sku = '" + PREFIX + "sku-" + i + "'");
            long reserved = query("select coalesce(sum(l.quantity), 0) from stock_reservation_line l join stock_reservation r "
                    + "on r.reservation_id = l.reservation_id where r.status = 'RESERVED' and l.sku = '" + PREFIX + "sku-" + i + "'");
            assertThat(available + reserved).as("stock of sku-%d to the unit", i).isEqualTo(STOCK_PER_SKU);
        }
        long charged = query("select coalesce(sum(amount_cents), 0) from payment_ledger where order_id like '" + PREFIX + "%'");
        long owed = query("select coalesce(sum(o.total_cents), 0) from shop_order o join stock_reservation r "
                + "on r.order_id = o.order_id where r.status = 'RESERVED' and o.order_id like '" + PREFIX + "%'");
        assertThat(charged).as("the ledger holds exactly the completed orders' totals").isEqualTo(owed);
        assertThat(query("select count(*) from shipment where order_id like '" + PREFIX + "%'")).isEqualTo(completed);
    }

    /** A stage that stopped is named in the failure: how many orders were decided, and every consumer group's lag. */
    private void awaitOrExplain(String what, Duration timeout, OrderOutcomes read, java.util.function.BooleanSupplier condition) {
        try {
            Await.until(what, timeout, condition);
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "; " + read.poll().size() + " of " + ORDERS + " orders decided. Consumer lag:\n"
                    + ConsumerLags.report(platform.infrastructure().kafkaBootstrapServers()), e);
        }
    }

    /**
     * order id -> outcome events (OrderCompleted / OrderCancelled), read committed from laneway.order.events by one
     * consumer that keeps its place, so each check reads only what is new (re-reading the topic ten times a second
     * took CPU from the platform under test).
     */
    private final class OrderOutcomes implements AutoCloseable {

        private final TopicReader reader;
        private final AvroRegistryDeserializer<GenericRecord> decoder = new AvroRegistryDeserializer<>();
        private final Map<String, List<String>> byOrder = new HashMap<>();
        private final java.util.Set<String> mine;

        OrderOutcomes(List<String> orderIds) {
            mine = java.util.Set.copyOf(orderIds);
            reader = new TopicReader(platform.infrastructure().kafkaBootstrapServers(), Topics.ORDER_EVENTS);
            decoder.configure(Map.of(AvroRegistrySerializer.REGISTRY_URL, platform.infrastructure().schemaRegistryUrl()), false);
        }

        /** Reads up to the end offsets as of now and returns every outcome seen so far. */
        Map<String, List<String>> poll() {
            reader.readNew(Duration.ofSeconds(15)).forEach(value -> record(decoder.deserialize(Topics.ORDER_EVENTS, value)));
            return byOrder;
        }

        private void record(GenericRecord event) {
            String type = ((GenericRecord) event.get("event")).getSchema().getName();
            if ((type.equals("OrderCompleted") || type.equals("OrderCancelled")) && mine.contains(event.get("orderId").toString())) {
                String outcome = type.equals("OrderCancelled") ? type + ": " + ((GenericRecord) event.get("event")).get("reason") : type;
                byOrder.computeIfAbsent(event.get("orderId").toString(), k -> new ArrayList<>()).add(outcome);
            }
        }

        @Override
        public void close() {
            reader.close();
        }
    }

    private long query(String sql) {
        try (Connection c = connection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }

    private void update(String sql) throws Exception {
        try (Connection c = connection()) {
            c.createStatement().executeUpdate(sql);
        }
    }

    private Connection connection() throws Exception {
        Map<String, String> ds = platform.infrastructure().datasourceProperties(Platform.POOL_DATABASE);
        return DriverManager.getConnection(ds.get("spring.datasource.url"), ds.get("spring.datasource.username"),
                ds.get("spring.datasource.password"));
    }
}
