package io.laneway.saga.security;

import java.util.List;

import io.laneway.security.ApiKey;
import io.laneway.security.JwtRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * {@code laneway.saga.security.*}: who may read the orchestrator's operational endpoints (scope {@code admin}). The
 * same credentials as the other services: a JWT (issuer/JWK set through Spring's resource-server properties, or a
 * shared HMAC secret here) or a static API key.
 */
@ConfigurationProperties("laneway.saga.security")
public record SagaSecurityProperties(String jwtHmacSecret, @NestedConfigurationProperty JwtRules jwt, List<ApiKey> apiKeys) {

    public SagaSecurityProperties {
        jwt = jwt == null ? JwtRules.DEFAULTS : jwt;
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }
}
