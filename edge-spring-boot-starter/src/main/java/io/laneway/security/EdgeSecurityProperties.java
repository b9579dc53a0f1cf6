package io.laneway.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * {@code laneway.security.*}: who may call a Laneway service, the same keys in every service. A caller sends a JWT
 * (production: Spring's {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}; simple
 * setups: a shared HMAC secret here) or a static API key. Each service decides which scope each of its operations needs.
 *
 * @param jwtHmacSecret base64 HMAC-SHA256 key for JWTs signed by a trusted local issuer (optional)
 * @param jwt           the issuer and audience every JWT must carry
 * @param apiKeys       static API keys, each bound to a client and its scopes
 * @param corsAllowedOrigins origins whose pages may call this service's API from a browser (the operator console's, when
 *                      it is served by another service): none by default, so no page elsewhere can use a browser's
 *                      credentials here
 */
@ConfigurationProperties("laneway.security")
public record EdgeSecurityProperties(String jwtHmacSecret, @NestedConfigurationProperty JwtRules jwt, List<ApiKey> apiKeys,
                                     List<String> corsAllowedOrigins) {

    public EdgeSecurityProperties {
        jwt = jwt == null ? JwtRules.DEFAULTS : jwt;
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
    }
}
