package io.laneway.projection.security;

import java.util.List;

import io.laneway.security.ApiKey;
import io.laneway.security.JwtRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * {@code laneway.projection.security.*}: who may read the views. The same credentials as the router and the pool:
 * a JWT (issuer/JWK set through Spring's resource-server properties, or a shared HMAC secret here) or a static
 * API key. Tokens must name the issuer and audience of {@code jwt.*} ({@link JwtRules}).
 */
@ConfigurationProperties("laneway.projection.security")
public record ProjectionSecurityProperties(String jwtHmacSecret, @NestedConfigurationProperty JwtRules jwt, List<ApiKey> apiKeys) {

    public ProjectionSecurityProperties {
        jwt = jwt == null ? JwtRules.DEFAULTS : jwt;
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }
}
