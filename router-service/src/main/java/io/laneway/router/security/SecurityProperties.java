package io.laneway.router.security;

import java.util.List;
import java.util.Map;

import io.laneway.contracts.envelope.Priority;
import io.laneway.security.ApiKey;
import io.laneway.security.JwtRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code laneway.router.security.*}. Clients authenticate with a JWT (production: set Spring's
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}; simple setups: a shared
 * HMAC secret here) or with an API key. Scopes: {@code messages:write} to publish, {@code admin} for operations.
 *
 * @param jwtHmacSecret             base64 HMAC-SHA256 key for JWTs signed by a trusted local issuer (optional)
 * @param jwt                       the issuer and audience every JWT must carry
 * @param apiKeys                   static API keys, each bound to a client and its scopes
 * @param clients                   per-client policy; a client without an entry may publish every public catalog type
 * @param defaultAllowedPriorities  the priorities a client without its own {@code allowed-priorities} may ask for
 */
@ConfigurationProperties("laneway.router.security")
public record SecurityProperties(String jwtHmacSecret, @NestedConfigurationProperty JwtRules jwt, List<ApiKey> apiKeys,
                                 Map<String, ClientPolicy> clients,
                                 @DefaultValue({"HIGH", "NORMAL", "LOW"}) List<Priority> defaultAllowedPriorities) {

    /**
     * @param allowedTypes      the types this client may publish (null: every public type)
     * @param allowedPriorities the priorities it may ask for (null: {@code default-allowed-priorities})
     */
    public record ClientPolicy(List<String> allowedTypes, List<Priority> allowedPriorities) {
    }

    public SecurityProperties {
        jwt = jwt == null ? JwtRules.DEFAULTS : jwt;
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        clients = clients == null ? Map.of() : Map.copyOf(clients);
        defaultAllowedPriorities = defaultAllowedPriorities == null ? List.of(Priority.HIGH, Priority.NORMAL, Priority.LOW)
                : List.copyOf(defaultAllowedPriorities);
    }
}
