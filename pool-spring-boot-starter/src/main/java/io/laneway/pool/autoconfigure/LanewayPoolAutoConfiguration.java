package io.laneway.pool.autoconfigure;

import java.time.Clock;
import javax.sql.DataSource;

import io.laneway.contracts.registry.SchemaRegistryClient;
import io.laneway.pool.catalog.TypeRegistrar;
import io.laneway.pool.checkpoint.CheckpointStore;
import io.laneway.pool.config.PoolProperties;
import io.laneway.pool.config.PoolTopics;
import io.laneway.pool.deadletter.DeadLetterConfiguration;
import io.laneway.pool.deadletter.admin.DeadLetterAdminConfiguration;
import io.laneway.pool.health.PoolLoopsHealth;
import io.laneway.pool.idempotency.IdempotencyConfiguration;
import io.laneway.pool.lane.LaneConfiguration;
import io.laneway.pool.outbox.OutboxConfiguration;
import io.laneway.pool.payload.PayloadSchemaRegistration;
import io.laneway.pool.processing.HandlerRegistry;
import io.laneway.pool.processing.ProcessingConfiguration;
import io.laneway.pool.resilience.DatabaseBreaker;
import io.laneway.pool.resilience.DownstreamBreakers;
import io.laneway.pool.resilience.RegistryBreaker;
import io.laneway.pool.schema.PoolSchema;
import io.laneway.pool.security.PoolSecurityConfiguration;
import io.laneway.registry.SchemaRegistryProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The pool, for any Spring Boot service that adds the starter: every {@code EnvelopeHandler} bean of the service runs
 * on its lanes with exactly-once effects in the service's own PostgreSQL (the platform's tables in their own Flyway
 * chain, {@link PoolSchema}). Defaults for Kafka, JPA and the breakers come with the starter
 * ({@link PoolDefaults}); {@code laneway.pool.*} configures the rest.
 *
 * <p>Before JPA: the pool's entities and repositories ({@code io.laneway.pool}) join the service's own.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        beforeName = {"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
                "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration"})
@AutoConfigurationPackage(basePackages = "io.laneway.pool")
@EnableConfigurationProperties(PoolProperties.class)
@EnableScheduling
@Import({ProcessingConfiguration.class, LaneConfiguration.class, OutboxConfiguration.class, IdempotencyConfiguration.class,
        DeadLetterConfiguration.class, CheckpointStore.class, DatabaseBreaker.class, RegistryBreaker.class,
        DownstreamBreakers.class, PoolLoopsHealth.class, PoolSecurityConfiguration.class})
public class LanewayPoolAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PoolSchema lanewayPoolSchema(DataSource dataSource) {
        return new PoolSchema(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean
    PoolTopics poolTopics(PoolProperties properties) {
        return PoolTopics.of(properties);
    }

    /** The service's own payload schemas ({@code payload-schemas/*.avsc}), registered at start. */
    @Bean
    @ConditionalOnMissingBean
    PayloadSchemaRegistration payloadSchemaRegistration(SchemaRegistryProperties registry, PoolProperties properties) {
        return new PayloadSchemaRegistration(SchemaRegistryClient.forUrl(registry.url()), properties.payloadSchemas());
    }

    /** The types this service owns ({@code laneway.pool.types}), registered with every router at start and every heartbeat. */
    @Bean
    @ConditionalOnMissingBean
    TypeRegistrar typeRegistrar(PoolProperties properties, HandlerRegistry handlers, KafkaTemplate<String, Object> kafka,
                                Environment environment) {
        return new TypeRegistrar(properties, handlers, kafka, environment.getProperty("spring.application.name", "application"),
                Clock.systemUTC());
    }

    /** The operators' dead-letter API and lane status; {@code laneway.pool.admin.enabled=false} leaves them out. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "laneway.pool.admin.enabled", matchIfMissing = true)
    @Import({DeadLetterAdminConfiguration.class, io.laneway.pool.lane.status.LaneStatusConfiguration.class})
    static class Admin {
    }
}
