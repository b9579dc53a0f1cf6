package io.laneway.saga.security;

import io.laneway.security.EdgeSecurity;
import io.laneway.security.LanewaySecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The orchestrator serves no API of its own, only the actuator: health and Prometheus stay open (probes and scrapes
 * inside the cluster); metrics, env-style and every other endpoint need {@code admin}, as in every Laneway service.
 */
@Configuration
class SagaSecurityConfiguration {

    @Bean
    SecurityFilterChain sagaSecurity(HttpSecurity http, EdgeSecurity edge) throws Exception {
        edge.apply(http, "The orchestrator's operational endpoints need scope admin.");
        http.authorizeHttpRequests(auth -> {
            LanewaySecurity.actuatorRules(auth);
            auth.anyRequest().hasAuthority("SCOPE_admin");
        });
        return http.build();
    }
}
