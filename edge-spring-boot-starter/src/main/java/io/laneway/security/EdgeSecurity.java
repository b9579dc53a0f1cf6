package io.laneway.security;

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
        return LanewaySecurity.apply(http, properties.apiKeys(), LanewaySecurity.decoder(properties.jwtHmacSecret(), springDecoder),
                properties.jwt(), forbiddenDetail);
    }

    public EdgeSecurityProperties properties() {
        return properties;
    }
}
