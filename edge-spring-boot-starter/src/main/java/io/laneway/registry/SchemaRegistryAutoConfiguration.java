package io.laneway.registry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Binds {@link SchemaRegistryProperties} once for every service: one validated place for the registry URL. */
@AutoConfiguration
@EnableConfigurationProperties(SchemaRegistryProperties.class)
public class SchemaRegistryAutoConfiguration {
}
