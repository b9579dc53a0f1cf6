package io.laneway.pool.schema;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link PoolSchema} initializes the database: everything that uses it (JPA, JDBC templates,
 * the service's own Flyway chain) then waits for the platform's tables. Registered in {@code META-INF/spring.factories}.
 */
public class PoolSchemaDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(PoolSchema.class);
    }

    /** Before Flyway's (order 1): a service's migrations may refer to the platform's tables. */
    @Override
    public int getOrder() {
        return 0;
    }
}
