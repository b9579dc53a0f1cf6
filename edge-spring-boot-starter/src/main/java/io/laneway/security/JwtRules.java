package io.laneway.security;

/**
 * What a JWT must carry besides a valid signature and lifetime ({@code laneway.security.jwt.*}).
 *
 * @param issuer   the {@code iss} every token must name; unset: Spring's
 *                 {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} when one is configured, otherwise
 *                 {@value #LOCAL_ISSUER} (the name a local HMAC issuer signs with)
 * @param audience a value every token's {@code aud} must contain, so a token the same issuer minted for another
 *                 application is refused; default {@value #DEFAULT_AUDIENCE}
 */
public record JwtRules(String issuer, String audience) {

    public static final String LOCAL_ISSUER = "laneway-local";
    public static final String DEFAULT_AUDIENCE = "laneway";
    public static final JwtRules DEFAULTS = new JwtRules(null, DEFAULT_AUDIENCE);

    public JwtRules {
        audience = audience == null || audience.isBlank() ? DEFAULT_AUDIENCE : audience;
    }

    /** The issuer tokens must name, given Spring's issuer URI (null when none is configured). */
    public String expectedIssuer(String configuredIssuerUri) {
        if (issuer != null && !issuer.isBlank()) {
            return issuer;
        }
        return configuredIssuerUri != null && !configuredIssuerUri.isBlank() ? configuredIssuerUri : LOCAL_ISSUER;
    }
}
