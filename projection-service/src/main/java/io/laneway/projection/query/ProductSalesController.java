package io.laneway.projection.query;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.laneway.contracts.projection.ProductSales;
import io.laneway.projection.sales.ProductSalesTopology;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/products/{id}/sales?from&to}: completed sales of one product in the 5-minute windows that
 * start within [from, to) (ISO-8601 instants; default the last hour), their sum, and the running total.
 */
@RestController
public class ProductSalesController {

    public record Sales(long orders, long quantity, long revenueCents) {
        static Sales of(ProductSales s) {
            return new Sales(s.getOrders(), s.getQuantity(), s.getRevenueCents());
        }
    }

    public record Window(String start, String end, Sales sales) {
    }

    public record SalesResponse(String product, String from, String to, List<Window> windows, Sales inRange, Sales total) {
    }

    private static final Duration MAX_RANGE = Duration.ofDays(7);

    private final ProjectionStores stores;
    private final InstanceRouter router;

    public ProductSalesController(ProjectionStores stores, InstanceRouter router) {
        this.stores = stores;
        this.router = router;
    }

    @ApiResponse(responseCode = "200", description = "Completed sales in 5-minute windows, their sum and the running total",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SalesResponse.class),
                    examples = @ExampleObject(name = "example", value = ApiExamples.SALES)))
    @GetMapping(path = "/v1/products/{id}/sales", produces = {"application/json", "application/problem+json"})
    public ResponseEntity<?> sales(@PathVariable String id, @RequestParam(required = false) String from,
                                   @RequestParam(required = false) String to, HttpServletRequest request) {
        Instant end = instant("to", to, Instant.now());
        Instant start = instant("from", from, end.minus(Duration.ofHours(1)));
        if (!start.isBefore(end)) {
            throw new BadQueryException("'from' (" + start + ") must be before 'to' (" + end + ").");
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw new BadQueryException("The range from " + start + " to " + end + " is longer than " + MAX_RANGE.toDays() + " days; ask for less.");
        }
        return router.answer(ProductSalesTopology.WINDOWED_STORE, id, request, partition -> {
            List<Window> windows = new ArrayList<>();
            ProductSales inRange = ProductSalesTopology.none();
            try (var found = stores.local(ProductSalesTopology.WINDOWED_STORE, QueryableStoreTypes.<String, ProductSales>windowStore(), partition)
                    .fetch(id, start, end.minusMillis(1))) {
                while (found.hasNext()) {
                    var window = found.next();
                    Instant windowStart = Instant.ofEpochMilli(window.key);
                    windows.add(new Window(windowStart.toString(), windowStart.plus(ProductSalesTopology.WINDOW).toString(), Sales.of(window.value)));
                    inRange = ProductSalesTopology.plus(inRange, window.value);
                }
            }
            ProductSales total = stores.local(ProductSalesTopology.TOTAL_STORE, QueryableStoreTypes.<String, ProductSales>keyValueStore(), partition).get(id);
            return InstanceRouter.json(new SalesResponse(id, start.toString(), end.toString(), windows, Sales.of(inRange),
                    Sales.of(total == null ? ProductSalesTopology.none() : total)));
        });
    }

    private static Instant instant(String name, String value, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadQueryException("'" + name + "' must be an ISO-8601 instant such as 2026-11-23T10:00:00Z, not '" + value + "'.");
        }
    }
}
