package io.laneway.pool.security;

import java.util.List;

import io.laneway.security.ApiKey;
import io.laneway.security.JwtRules;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * {@code laneway.pool.security.*}: who may operate the pool's admin API (scope {@code admin}). Same
 * credentials as the router: a JWT (issuer/JWK set through Spring's resource-server properties, or a shared
 * HMAC secret here) or a static API key.
 */
@ConfigurationProperties("laneway.pool.security")
public record PoolSecurityProperties(String jwtHmacSecret, @NestedConfigurationProperty JwtRules jwt, List<ApiKey> apiKeys) {


    public PoolSecurityProperties {
        jwt = jwt == null ? JwtRules.DEFAULTS : jwt;
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }
}
