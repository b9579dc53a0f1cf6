package io.laneway.pool.security;

import java.util.Base64;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Health and metrics are open (scraped inside the cluster); every API needs scope {@code admin}. */
@Configuration
class PoolSecurityConfiguration {

    @Bean
    SecurityFilterChain poolSecurity(HttpSecurity http, PoolSecurityProperties properties, ObjectProvider<JwtDecoder> jwtDecoder)
            throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> ProblemResponses.write(response, 401,
                "Authentication required", "Send a bearer token (JWT) in Authorization or an API key in X-API-Key.",
                request.getRequestURI());
        AccessDeniedHandler forbidden = (request, response, e) -> ProblemResponses.write(response, 403,
                "Not allowed", "The dead-letter API needs scope admin.", request.getRequestURI());
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error").permitAll()
                        .anyRequest().hasAuthority("SCOPE_admin"))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .addFilterBefore(new ApiKeyAuthenticationFilter(properties.apiKeys(), unauthorized), BearerTokenAuthenticationFilter.class);
        if (jwtDecoder.getIfAvailable() != null) {
            http.oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()).authenticationEntryPoint(unauthorized)
                    .accessDeniedHandler(forbidden));
        }
        return http.build();
    }

    @Bean
    @ConditionalOnProperty("laneway.pool.security.jwt-hmac-secret")
    JwtDecoder hmacJwtDecoder(PoolSecurityProperties properties) {
        byte[] secret = Base64.getDecoder().decode(properties.jwtHmacSecret());
        return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256")).build();
    }
}
