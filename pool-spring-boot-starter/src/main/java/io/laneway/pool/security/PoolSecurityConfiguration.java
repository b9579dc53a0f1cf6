package io.laneway.pool.security;

import io.laneway.security.EdgeSecurity;
import io.laneway.security.LanewaySecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Health and Prometheus are open (scraped inside the cluster); every API needs scope {@code admin}. */
@Configuration
public class PoolSecurityConfiguration {

    @Bean
    SecurityFilterChain poolSecurity(HttpSecurity http, EdgeSecurity edge) throws Exception {
        edge.apply(http, "The dead-letter API needs scope admin.");
        http.authorizeHttpRequests(auth -> {
            LanewaySecurity.actuatorRules(auth);
            auth.anyRequest().hasAuthority("SCOPE_admin");
        });
        return http.build();
    }
}
