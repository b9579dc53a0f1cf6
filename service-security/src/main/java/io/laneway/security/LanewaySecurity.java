package io.laneway.security;

import java.util.Base64;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * What every Laneway API shares: stateless, no CSRF (no browser sessions), a JWT (when a decoder is
 * configured) or an {@code X-API-Key}, and problem+json for 401 and 403. Each service adds its own rules.
 */
public final class LanewaySecurity {

    private LanewaySecurity() {
    }

    /**
     * @param forbiddenDetail what a 403 tells the caller (which scope the operation needs)
     * @param jwtDecoder      null when only API keys are configured
     */
    public static HttpSecurity apply(HttpSecurity http, List<ApiKey> apiKeys, JwtDecoder jwtDecoder, String forbiddenDetail)
            throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> ProblemResponses.write(response, 401,
                "Authentication required", "Send a bearer token (JWT) in Authorization or an API key in X-API-Key"
                        + (e.getMessage() != null && !e.getMessage().contains("Full authentication") ? " (" + e.getMessage() + ")" : "") + ".",
                request.getRequestURI());
        AccessDeniedHandler forbidden = (request, response, e) -> ProblemResponses.write(response, 403, "Not allowed",
                forbiddenDetail, request.getRequestURI());
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, unauthorized), BearerTokenAuthenticationFilter.class);
        if (jwtDecoder != null) {
            http.oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()).authenticationEntryPoint(unauthorized)
                    .accessDeniedHandler(forbidden));
        }
        return http;
    }

    /** Simple setups: JWTs signed with a shared secret. Production sets an issuer or JWK set URI instead. */
    public static JwtDecoder hmacDecoder(String base64Secret) {
        byte[] secret = Base64.getDecoder().decode(base64Secret);
        return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256")).build();
    }
}
