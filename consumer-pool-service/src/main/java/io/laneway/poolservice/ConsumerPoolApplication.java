package io.laneway.poolservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The platform's own pool: the pool starter (auto-configured from its dependency) running the demo handlers
 * ({@code demo}) and the order saga's participants ({@code orders}). A team's service looks the same with its own
 * handlers: see examples/invoicing-service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsumerPoolApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsumerPoolApplication.class, args);
    }
}
