package io.laneway.router.security;

import java.util.Base64;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Who may do what: publishing needs scope {@code messages:write}; reading the catalog needs any valid
 * identity; health and metrics are open (scraped inside the cluster); everything else needs {@code admin}.
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain routerSecurity(HttpSecurity http, SecurityProperties properties, ObjectProvider<JwtDecoder> jwtDecoder)
            throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> ProblemResponses.write(response, 401,
                "Authentication required", "Send a bearer token (JWT) in Authorization or an API key in X-API-Key"
                        + (e.getMessage() != null && !e.getMessage().contains("Full authentication") ? " (" + e.getMessage() + ")" : "") + ".",
                request.getRequestURI());
        AccessDeniedHandler forbidden = (request, response, e) -> ProblemResponses.write(response, 403,
                "Not allowed", "Your credentials lack the scope this operation needs (publishing needs messages:write).",
                request.getRequestURI());
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error",
                                "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/v1/messages", "/v1/messages:batch").hasAuthority("SCOPE_messages:write")
                        .requestMatchers("/v1/**").authenticated()
                        .anyRequest().hasAuthority("SCOPE_admin"))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .addFilterBefore(new ApiKeyAuthenticationFilter(properties.apiKeys(), unauthorized), BearerTokenAuthenticationFilter.class);
        if (jwtDecoder.getIfAvailable() != null) {
            http.oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults())
                    .authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        }
        return http.build();
    }

    /** Simple setups: JWTs signed with a shared secret. Production sets an issuer or JWK set URI instead. */
    @Bean
    @ConditionalOnProperty("laneway.router.security.jwt-hmac-secret")
    JwtDecoder hmacJwtDecoder(SecurityProperties properties) {
        byte[] secret = Base64.getDecoder().decode(properties.jwtHmacSecret());
        return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256")).build();
    }
}
