package io.laneway.router.security;

import io.laneway.security.EdgeSecurity;
import io.laneway.security.LanewaySecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what: publishing needs scope {@code messages:write}; reading the catalog needs any valid
 * identity; health and Prometheus are open (probes and scrapes inside the cluster); everything else needs {@code admin}.
 */
@Configuration
class SecurityConfiguration {

    @Bean
    SecurityFilterChain routerSecurity(HttpSecurity http, EdgeSecurity edge) throws Exception {
        edge.apply(http, "Your credentials lack the scope this operation needs (publishing needs messages:write).");
        http.authorizeHttpRequests(auth -> {
            LanewaySecurity.actuatorRules(auth);
            auth.requestMatchers(HttpMethod.POST, "/v1/messages", "/v1/messages:batch").hasAuthority("SCOPE_messages:write")
                .requestMatchers("/v1/**").authenticated()
                .anyRequest().hasAuthority("SCOPE_admin");
        });
        return http.build();
    }
}
