package io.laneway.projection.security;

import java.util.List;

import io.laneway.security.ApiKey;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code laneway.projection.security.*}: who may read the views. The same credentials as the router and the pool:
 * a JWT (issuer/JWK set through Spring's resource-server properties, or a shared HMAC secret here) or a static
 * API key.
 */
@ConfigurationProperties("laneway.projection.security")
public record ProjectionSecurityProperties(String jwtHmacSecret, List<ApiKey> apiKeys) {

    public ProjectionSecurityProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }
}
