package io.laneway.security;

import java.util.Base64;
import java.util.List;
import java.util.Objects;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
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

    /** Spring's property for an OIDC issuer: when set, tokens must name it (unless {@code jwt.issuer} says otherwise). */
    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

    private LanewaySecurity() {
    }

    /**
     * @param forbiddenDetail what a 403 tells the caller (which scope the operation needs)
     * @param jwtDecoder      null when only API keys are configured
     * @param jwtRules        the issuer and audience every token must carry
     */
    public static HttpSecurity apply(HttpSecurity http, List<ApiKey> apiKeys, JwtDecoder jwtDecoder, JwtRules jwtRules,
                                     String forbiddenDetail) throws Exception {
        requireUsableKeys(apiKeys);
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
            ApplicationContext context = http.getSharedObject(ApplicationContext.class);
            String issuerUri = context == null ? null : context.getEnvironment().getProperty(ISSUER_URI);
            JwtIdentityRules rules = new JwtIdentityRules(jwtRules.expectedIssuer(issuerUri), jwtRules.audience(),
                    apiKeys.stream().map(ApiKey::client).toList());
            JwtDecoder checked = rules.around(jwtDecoder);
            http.oauth2ResourceServer(o -> o.jwt(j -> j.decoder(checked)).authenticationEntryPoint(unauthorized)
                    .accessDeniedHandler(forbidden));
        }
        return http;
    }

    /**
     * The actuator for people and for machines: health (probes) and Prometheus (scrapes inside the cluster) answer
     * without credentials; every other actuator endpoint (metrics, env, info, circuit breakers...) needs {@code admin}.
     * The API's description (OpenAPI, Swagger UI) is open: it tells how to authenticate, and nothing about data.
     */
    public static void actuatorRules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth) {
        auth.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/error").permitAll()
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                .requestMatchers("/actuator", "/actuator/**").hasAuthority("SCOPE_admin");
    }

    /** An empty key would match an empty header: refuse to start rather than let anyone in as that client. */
    static void requireUsableKeys(List<ApiKey> apiKeys) {
        for (int i = 0; i < apiKeys.size(); i++) {
            ApiKey key = apiKeys.get(i);
            if (key.key() == null || key.key().isBlank()) {
                throw new IllegalStateException("API key " + i + " (client '" + key.client() + "') is empty: an empty X-API-Key "
                        + "header would match it. Set its 'key' to a long random value (e.g. openssl rand -hex 32) or remove the entry.");
            }
            if (key.client() == null || key.client().isBlank()) {
                throw new IllegalStateException("API key " + i + " names no client: set its 'client' (whose messages it publishes and reads).");
            }
            for (int j = 0; j < i; j++) {
                if (Objects.equals(apiKeys.get(j).key(), key.key())) {
                    throw new IllegalStateException("API keys " + j + " and " + i + " are the same key: each client needs a key of its own.");
                }
            }
        }
    }

    /**
     * The decoder a service checks JWTs with: one for the shared HMAC secret when the service has one (simple setups),
     * else Spring's from {@code issuer-uri} / {@code jwk-set-uri} (production), else none (API keys only).
     */
    public static JwtDecoder decoder(String hmacSecret, ObjectProvider<JwtDecoder> configured) {
        return hmacSecret != null && !hmacSecret.isBlank() ? hmacDecoder(hmacSecret) : configured.getIfAvailable();
    }

    /** Simple setups: JWTs signed with a shared secret. Production sets an issuer or JWK set URI instead. */
    static JwtDecoder hmacDecoder(String base64Secret) {
        byte[] secret = Base64.getDecoder().decode(base64Secret);
        return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256")).build();
    }
}
