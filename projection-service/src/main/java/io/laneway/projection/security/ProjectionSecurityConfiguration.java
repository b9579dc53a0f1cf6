package io.laneway.projection.security;

import io.laneway.security.EdgeSecurity;
import io.laneway.security.LanewaySecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Reading a view needs a valid identity, the router's rule for reads: the client that published a message can
 * follow the status URL the router handed it, and order views (customer ids, amounts) are not open to whoever
 * reaches the port. Instances relay a caller's credentials when they ask each other ({@code /internal/**}), so a
 * relayed query is authorised as the caller, never as the cluster. Health and Prometheus stay open (probes and
 * scrapes inside the cluster), and so does the operator console's page (its data comes from the APIs); anything else
 * needs {@code admin}.
 */
@Configuration
class ProjectionSecurityConfiguration {

    @Bean
    SecurityFilterChain projectionSecurity(HttpSecurity http, EdgeSecurity edge) throws Exception {
        edge.apply(http, "This operation needs scope admin.");
        http.authorizeHttpRequests(auth -> {
            LanewaySecurity.actuatorRules(auth);
            // the console's page and script hold no data; what it shows comes from the APIs, with the operator's credentials
            auth.requestMatchers(HttpMethod.GET, "/console", "/console/", "/console/*").permitAll();
            // which messages a correlation id ties together spans clients: an operator's question
            auth.requestMatchers(HttpMethod.GET, "/v1/correlations/*").hasAuthority("SCOPE_admin");
            auth.requestMatchers(HttpMethod.GET, "/v1/**", "/internal/**").authenticated()
                .anyRequest().hasAuthority("SCOPE_admin");
        });
        return http.build();
    }
}
