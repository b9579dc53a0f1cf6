package io.laneway.router.catalog;

import java.util.Map;

import io.laneway.router.classify.TypeCatalog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/types}: what clients may publish, with each type's defaults (the platform's internal types left out). */
@RestController
public class TypeCatalogController {

    private final TypeCatalog catalog;

    public TypeCatalogController(TypeCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping(path = "/v1/types", produces = "application/json")
    public Map<String, TypeCatalog.TypeSpec> types() {
        return catalog.publicTypes();
    }
}
