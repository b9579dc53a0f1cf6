package io.laneway.pool.participants;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.laneway.contracts.Topics;
import io.laneway.pool.support.PoolIntegrationTest;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The order saga's participants as pool handlers on real Kafka and PostgreSQL: each command's effect happens
 * once even when the command is repeated, a refusal changes nothing, compensations restore the balance, and
 * every answer leaves through the outbox as an order event.
 */
class OrderParticipantsTest extends PoolIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void stockIsReservedOnceRefusedWholeAndReleasedOnce() {
        String a = "sku-a-" + UUID.randomUUID();
        String b = "sku-b-" + UUID.randomUUID();
        jdbc.sql("insert into stock (sku, available) values (?, 10), (?, 5)").params(a, b).update();
        String first = "order-" + UUID.randomUUID();
        String second = "order-" + UUID.randomUUID();
        String reserveFirst = "{\"orderId\":\"" + first + "\",\"lines\":[{\"sku\":\"" + a + "\",\"quantity\":3},{\"sku\":\"" + b + "\",\"quantity\":2}]}";

        command("order.reserve-stock", first, reserveFirst);
        command("order.reserve-stock", first, reserveFirst); // the saga repeats a command after a timeout
        command("order.reserve-stock", second, "{\"orderId\":\"" + second + "\",\"lines\":[{\"sku\":\"" + a + "\",\"quantity\":1},{\"sku\":\"" + b + "\",\"quantity\":6}]}"); // more B than exists: refused whatever runs first

        await("both answers for the first order", () -> events(first).size() == 2);
        await("the answer for the second order", () -> events(second).size() == 1);
        assertThat(events(first)).containsExactly("StockReserved", "StockReserved");
        assertThat(reservationIds(first)).as("the repeat answers with the same reservation").hasSize(1);
        assertThat(events(second)).containsExactly("StockRejected");
        assertThat(available(a)).as("taken once, and nothing of the refused order").isEqualTo(7);
        assertThat(available(b)).isEqualTo(3);

        String reservation = reservationIds(first).getFirst();
        String release = "{\"orderId\":\"" + first + "\",\"reservationId\":\"" + reservation + "\"}";
        command("order.release-stock", first, release);
        command("order.release-stock", first, release);

        await("both release answers", () -> events(first).size() == 4);
        assertThat(available(a)).as("released once").isEqualTo(10);
        assertThat(available(b)).isEqualTo(5);
    }

    @Test
    void aPaymentIsChargedOnceAndRefundedOnceSoTheLedgerBalances() {
        String order = "order-" + UUID.randomUUID();
        placedWithStockReserved(order, "c-1", 4250);
        String charge = "{\"orderId\":\"" + order + "\",\"customerId\":\"c-1\",\"amountCents\":4250}";

        command("order.charge-payment", order, charge);
        command("order.charge-payment", order, charge);
        await("both charge answers", () -> events(order).size() == 2);
        assertThat(events(order)).containsExactly("PaymentCharged", "PaymentCharged");
        assertThat(ledgerSum(order)).isEqualTo(4250);

        String refund = "{\"orderId\":\"" + order + "\",\"paymentId\":\"pay-" + order + "\",\"amountCents\":4250}";
        command("order.refund-payment", order, refund);
        command("order.refund-payment", order, refund);
        await("both refund answers", () -> events(order).size() == 4);
        assertThat(ledgerSum(order)).as("charge and refund cancel out, each booked once").isZero();
        assertThat(jdbc.sql("select count(*) from payment_ledger where order_id = ?").param(order).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void commandsTheOrdersRecordsDoNotBackAreRefusedAndWriteNothing() {
        String order = "order-" + UUID.randomUUID();
        String unpaid = "order-" + UUID.randomUUID();
        String other = "order-" + UUID.randomUUID();
        placedWithStockReserved(order, "c-1", 1000);
        placedWithStockReserved(unpaid, "c-2", 500);
        String othersReservation = placedWithStockReserved(other, "c-3", 700);

        command("order.charge-payment", order, "{\"orderId\":\"" + order + "\",\"customerId\":\"c-1\",\"amountCents\":1}");
        command("order.charge-payment", "never-placed", "{\"orderId\":\"never-placed\",\"customerId\":\"c-1\",\"amountCents\":1}");
        command("order.charge-payment", order, "{\"orderId\":\"" + order + "\",\"customerId\":\"c-1\",\"amountCents\":1000}");
        await("the real charge", () -> events(order).contains("PaymentCharged"));
        command("order.refund-payment", order, "{\"orderId\":\"" + order + "\",\"paymentId\":\"pay-forged\",\"amountCents\":1000}");
        command("order.refund-payment", order, "{\"orderId\":\"" + order + "\",\"paymentId\":\"pay-" + order + "\",\"amountCents\":5000}");
        command("order.release-stock", order, "{\"orderId\":\"" + order + "\",\"reservationId\":\"" + othersReservation + "\"}");
        command("order.ship", unpaid, "{\"orderId\":\"" + unpaid + "\",\"customerId\":\"c-2\",\"steps\":1,\"stepMillis\":1}");
        command("order.ship", order, "{\"orderId\":\"" + order + "\",\"customerId\":\"c-1\",\"steps\":1,\"stepMillis\":1}");
        await("the shipment", () -> events(order).contains("OrderShipped"));
        command("order.refund-payment", order, "{\"orderId\":\"" + order + "\",\"paymentId\":\"pay-" + order + "\",\"amountCents\":1000}");

        await("seven refusals dead-lettered with their reasons", () -> refusals(order, "never-placed", unpaid) == 7);
        assertThat(deadLetterMessages(order)).anySatisfy(m -> assertThat(m).contains("asks for 1 cents; the order totals 1000"))
                .anySatisfy(m -> assertThat(m).contains("payment 'pay-forged' is not the order's charge"))
                .anySatisfy(m -> assertThat(m).contains("asks for 5000 cents; 1000 were charged"))
                .anySatisfy(m -> assertThat(m).contains("is not the order's"))
                .anySatisfy(m -> assertThat(m).contains("the order has shipped"));
        assertThat(deadLetterMessages("never-placed")).anySatisfy(m -> assertThat(m).contains("no such order was placed"));
        assertThat(deadLetterMessages(unpaid)).anySatisfy(m -> assertThat(m).contains("the order is not paid"));
        assertThat(ledgerSum(order)).as("charged its stored total once, refunded never").isEqualTo(1000);
        assertThat(jdbc.sql("select count(*) from payment_ledger where order_id in (?, ?)").params(unpaid, "never-placed")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from shipment where order_id = ?").param(unpaid).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select status from stock_reservation where order_id = ?").param(other).query(String.class).single())
                .as("another order's reservation stays").isEqualTo("RESERVED");
        assertThat(events(order)).containsExactly("PaymentCharged", "OrderShipped");
    }

    @Test
    void aPlacedOrderIsStoredAndStartsTheSagaWithOrderPlaced() {
        String order = "order-" + UUID.randomUUID();
        command("order.place", order, "{\"orderId\":\"" + order + "\",\"customerId\":\"c-9\",\"lines\":[{\"sku\":\"x\",\"quantity\":2,\"unitPriceCents\":150}]}");

        await("OrderPlaced", () -> events(order).contains("OrderPlaced"));
        assertThat(jdbc.sql("select total_cents from shop_order where order_id = ?").param(order).query(Long.class).single())
                .isEqualTo(300);
    }

    @Test
    void aNegativeQuantityNeitherPlacesAnOrderNorAddsStock() {
        String sku = "sku-n-" + UUID.randomUUID();
        jdbc.sql("insert into stock (sku, available) values (?, 4)").param(sku).update();
        String placed = "order-" + UUID.randomUUID();
        String reserved = "order-" + UUID.randomUUID();

        command("order.place", placed, "{\"orderId\":\"" + placed + "\",\"customerId\":\"c-9\",\"lines\":[{\"sku\":\"" + sku
                + "\",\"quantity\":-3,\"unitPriceCents\":150}]}");
        command("order.reserve-stock", reserved, "{\"orderId\":\"" + reserved + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":-3}]}");

        await("the placed order dead-lettered", () -> jdbc.sql("select count(*) from dead_letter where error_message like ?")
                .param("%order " + placed + "%").query(Long.class).single() == 1);
        await("the reservation's answer", () -> events(reserved).size() == 1);
        assertThat(events(reserved)).containsExactly("StockRejected");
        assertThat(events(placed)).as("no saga started").isEmpty();
        assertThat(jdbc.sql("select count(*) from shop_order where order_id = ?").param(placed).query(Long.class).single()).isZero();
        assertThat(available(sku)).isEqualTo(4);
    }

    @Test
    void anOrderWhoseTotalDoesNotFitInALongIsRefusedNotWrappedRound() {
        String order = "order-" + UUID.randomUUID();
        command("order.place", order, "{\"orderId\":\"" + order + "\",\"customerId\":\"c-9\",\"lines\":[{\"sku\":\"x\",\"quantity\":2,"
                + "\"unitPriceCents\":" + (Long.MAX_VALUE / 2 + 1) + "}]}");

        await("the order dead-lettered", () -> jdbc.sql("select count(*) from dead_letter where error_message like ?")
                .param("%order " + order + " does not fit%").query(Long.class).single() == 1);
        assertThat(jdbc.sql("select count(*) from shop_order where order_id = ?").param(order).query(Long.class).single()).isZero();
        assertThat(events(order)).isEmpty();
    }

    @Test
    void stockTakenByAnotherOrderWhileAReservationWaitsForItsRowRefusesTheOrderAndTakesNothing() throws Exception {
        String sku = "sku-last-" + UUID.randomUUID();
        jdbc.sql("insert into stock (sku, available) values (?, 1)").param(sku).update();
        String order = "order-" + UUID.randomUUID();
        try (Connection otherOrder = dataSource.getConnection()) {
            otherOrder.setAutoCommit(false);
            lockStockRow(otherOrder, sku);
            // the reservation's check sees the last unit (committed), then waits for the row this transaction holds
            command("order.reserve-stock", order, "{\"orderId\":\"" + order + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}");
            await("the reservation to wait for the stock row", () -> jdbc.sql("""
                    select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like 'update stock set available%'""")
                    .query(Long.class).single() > 0);
            try (var takeTheLastUnit = otherOrder.prepareStatement("update stock set available = 0 where sku = ?")) {
                takeTheLastUnit.setString(1, sku);
                takeTheLastUnit.executeUpdate();
            }
            otherOrder.commit();
        }

        await("the answer", () -> events(order).size() == 1);
        assertThat(events(order)).containsExactly("StockRejected");
        assertThat(available(sku)).isZero();
        assertThat(jdbc.sql("select count(*) from stock_reservation where order_id = ?").param(order).query(Long.class).single())
                .as("no reservation left behind by the attempt that lost the race").isZero();
    }

    /** An order as the participants' tables hold it after OrderPlaced and StockReserved; returns the reservation id. */
    private String placedWithStockReserved(String orderId, String customerId, long totalCents) {
        jdbc.sql("insert into shop_order (order_id, customer_id, total_cents) values (?, ?, ?)").params(orderId, customerId, totalCents).update();
        String reservation = "res-" + orderId;
        jdbc.sql("insert into stock_reservation (reservation_id, order_id, status) values (?, ?, 'RESERVED')").params(reservation, orderId).update();
        return reservation;
    }

    private long refusals(String... orderIds) {
        long count = 0;
        for (String orderId : orderIds) {
            count += deadLetterMessages(orderId).stream().filter(m -> m.contains(" refused: ")).count();
        }
        return count;
    }

    private List<String> deadLetterMessages(String orderId) {
        return jdbc.sql("select error_message from dead_letter where error_message like ?").param("%for order " + orderId + " refused%")
                .query(String.class).list();
    }

    private static void lockStockRow(Connection connection, String sku) throws Exception {
        try (var lock = connection.prepareStatement("select available from stock where sku = ? for update")) {
            lock.setString(1, sku);
            lock.executeQuery().close();
        }
    }

    private static void command(String type, String orderId, String payload) {
        send(Topics.LANE_FAST, List.of(envelope(type, orderId, payload)));
    }

    private static List<String> events(String orderId) {
        return readAll(Topics.ORDER_EVENTS).stream().filter(e -> e.get("orderId").toString().equals(orderId))
                .map(e -> ((GenericRecord) e.get("event")).getSchema().getName()).toList();
    }

    private List<String> reservationIds(String orderId) {
        return readAll(Topics.ORDER_EVENTS).stream().filter(e -> e.get("orderId").toString().equals(orderId))
                .map(e -> (GenericRecord) e.get("event")).filter(e -> e.getSchema().getName().equals("StockReserved"))
                .map(e -> e.get("reservationId").toString()).distinct().toList();
    }

    private int available(String sku) {
        return jdbc.sql("select available from stock where sku = ?").param(sku).query(Integer.class).single();
    }

    private long ledgerSum(String orderId) {
        return jdbc.sql("select coalesce(sum(amount_cents), 0) from payment_ledger where order_id = ?").param(orderId)
                .query(Long.class).single();
    }
}
