package io.laneway.router.catalog;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/types}: what clients may publish, with each type's defaults, its owner (the service that registered it,
 * or the router's configuration), its revision and whether its owner is stale; the platform's internal types left out.
 */
@RestController
public class TypeCatalogController {

    private final Catalog catalog;

    public TypeCatalogController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping(path = "/v1/types", produces = "application/json")
    public List<Catalog.Entry> types() {
        return catalog.entries();
    }
}
