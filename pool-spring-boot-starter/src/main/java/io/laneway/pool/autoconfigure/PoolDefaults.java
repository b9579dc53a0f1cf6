package io.laneway.pool.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The starter's defaults for what the pool needs from Spring Boot (Kafka serializers and fetch sizes, the Hikari pool,
 * JPA validation, the PostgreSQL and registry breakers, health groups, structured logs), from
 * {@code laneway-pool-defaults.yml}, with the lowest precedence: a service's {@code application.yml}, environment and
 * arguments override any of them, and it writes only what is its own (name, port, database). Registered in
 * {@code META-INF/spring.factories}.
 */
public class PoolDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "laneway-pool-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("laneway-pool-defaults",
                    new ClassPathResource(RESOURCE, PoolDefaults.class.getClassLoader()))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The pool starter's " + RESOURCE + " cannot be read", e);
        }
    }
}
