package io.laneway.registry;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code laneway.schema-registry.*}: the Confluent-API schema registry every service reads and writes its Avro records
 * with (Apicurio's {@code /apis/ccompat/v7}).
 *
 * @param url the registry's Confluent-compatible base URL
 */
@Validated
@ConfigurationProperties("laneway.schema-registry")
public record SchemaRegistryProperties(@NotBlank(message = "set laneway.schema-registry.url (SCHEMA_REGISTRY_URL)") String url) {
}
