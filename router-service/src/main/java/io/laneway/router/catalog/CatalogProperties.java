package io.laneway.router.catalog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code laneway.router.catalog.*}: the types services register.
 *
 * @param ownerStaleAfter a registered type whose owner has not re-sent it (its heartbeat) for this long is flagged stale
 *                        (metric {@code laneway.router.catalog.stale}, {@code "stale": true} in {@code GET /v1/types})
 */
@ConfigurationProperties("laneway.router.catalog")
public record CatalogProperties(Duration ownerStaleAfter) {

    public CatalogProperties {
        ownerStaleAfter = ownerStaleAfter == null ? Duration.ofMinutes(2) : ownerStaleAfter;
    }
}
