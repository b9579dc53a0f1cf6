package io.laneway.security;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * What a service's security filter chain starts from: {@link LanewaySecurity#apply} with the shared
 * {@code laneway.security.*} keys and the one JWT decoder (the HMAC secret's, else Spring's issuer decoder, else none).
 * A service adds its own authorization rules after it.
 */
public class EdgeSecurity {

    private final EdgeSecurityProperties properties;
    private final ObjectProvider<JwtDecoder> springDecoder;

    public EdgeSecurity(EdgeSecurityProperties properties, ObjectProvider<JwtDecoder> springDecoder) {
        this.properties = properties;
        this.springDecoder = springDecoder;
    }

    /** @param forbiddenDetail what a 403 tells the caller (which scope this service's operations need) */
    public HttpSecurity apply(HttpSecurity http, String forbiddenDetail) throws Exception {
        LanewaySecurity.apply(http, properties.apiKeys(), LanewaySecurity.decoder(properties.jwtHmacSecret(), springDecoder),
                properties.jwt(), forbiddenDetail);
        if (!properties.corsAllowedOrigins().isEmpty()) {
            // answered before authentication: a browser's preflight carries no credentials
            http.cors(cors -> cors.configurationSource(corsSource(properties.corsAllowedOrigins())));
        }
        return http;
    }

    /** The listed origins may send the API's methods with an API key or a bearer token; nothing is exposed to others. */
    static CorsConfigurationSource corsSource(java.util.List<String> origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(java.util.List.of("GET", "POST"));
        cors.setAllowedHeaders(java.util.List.of("X-API-Key", "Authorization", "Content-Type"));
        cors.setMaxAge(java.time.Duration.ofMinutes(10));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/v1/**", cors);
        return source;
    }

    public EdgeSecurityProperties properties() {
        return properties;
    }
}
