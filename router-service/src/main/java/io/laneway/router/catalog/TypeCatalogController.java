package io.laneway.router.catalog;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/types}: what clients may publish, with each type's defaults, its owner (the service that registered it,
 * or the router's configuration), its revision and whether its owner is stale; the platform's internal types left out.
 */
@RestController
public class TypeCatalogController {

    private static final String EXAMPLE = """
            [{"type": "invoicing.issue", "defaultPriority": "NORMAL", "costClass": "LIGHT", "expectedDuration": "PT0.02S",
              "maxAttempts": 5, "timeout": "PT5M", "orderingKeyField": "customer", "payloadSchema": "laneway.payload.invoicing.issue",
              "internal": false, "namespace": "invoicing", "allowedClients": [], "owner": "invoicing-service", "revision": "ff49902afa1f",
              "seenAt": "2026-12-05T00:18:48.667Z", "stale": false},
             {"type": "demo.greet", "defaultPriority": "NORMAL", "costClass": "LIGHT", "expectedDuration": "PT0.05S",
              "maxAttempts": 5, "timeout": "PT5M", "orderingKeyField": null, "payloadSchema": "laneway.payload.demo.greet",
              "internal": false, "namespace": null, "allowedClients": [], "owner": "router configuration", "revision": null,
              "seenAt": null, "stale": false}]""";

    private final Catalog catalog;

    public TypeCatalogController(Catalog catalog) {
        this.catalog = catalog;
    }

    @ApiResponse(responseCode = "200", description = "Every type a client may publish, with its defaults and owner",
            content = @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = Catalog.Entry.class)),
                    examples = @ExampleObject(name = "example", value = EXAMPLE)))
    @GetMapping(path = "/v1/types", produces = "application/json")
    public List<Catalog.Entry> types() {
        return catalog.entries();
    }
}
