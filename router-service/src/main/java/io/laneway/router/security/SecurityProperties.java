package io.laneway.router.security;

import java.util.List;

import io.laneway.security.ApiKey;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code laneway.router.security.*}. Clients authenticate with a JWT (production: set Spring's
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}; simple setups: a shared
 * HMAC secret here) or with an API key. Scopes: {@code messages:write} to publish, {@code admin} for operations.
 *
 * @param jwtHmacSecret base64 HMAC-SHA256 key for JWTs signed by a trusted local issuer (optional)
 * @param apiKeys       static API keys, each bound to a client and its scopes
 * @param clients       per-client policy; a client without an entry may publish every catalog type
 */
@ConfigurationProperties("laneway.router.security")
public record SecurityProperties(String jwtHmacSecret, List<ApiKey> apiKeys, Map<String, ClientPolicy> clients) {


    public record ClientPolicy(List<String> allowedTypes) {
    }

    public SecurityProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        clients = clients == null ? Map.of() : Map.copyOf(clients);
    }
}
