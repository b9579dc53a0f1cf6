package io.laneway.web.openapi;

import java.util.Map;

import io.laneway.web.ProblemTypes;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Every service's OpenAPI document as a client generator needs it: its name and version, the two ways to authenticate
 * (X-API-Key, a bearer JWT), and the RFC 9457 problem each refusal answers with, on every API operation, with a stable
 * {@code Problem} schema. A service names itself and its refusals in {@code laneway.openapi.*}.
 */
@AutoConfiguration
@ConditionalOnClass({OpenAPI.class, OpenApiCustomizer.class})
@EnableConfigurationProperties(LanewayOpenApiProperties.class)
public class LanewayOpenApiAutoConfiguration {

    static final String PROBLEM = "Problem";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI lanewayOpenApi(LanewayOpenApiProperties properties, Environment environment) {
        String title = properties.title() != null ? properties.title() : environment.getProperty("spring.application.name", "Laneway");
        return new OpenAPI()
                .info(new Info().title(title).version(properties.version()).description(properties.description()))
                .components(new Components()
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                                .name("X-API-Key").description("A static API key bound to a client and its scopes (laneway.security.api-keys)"))
                        .addSecuritySchemes("bearerJwt", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("A JWT naming the configured issuer and audience, with the scopes needed")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"))
                .addSecurityItem(new SecurityRequirement().addList("bearerJwt"));
    }

    /**
     * Every API operation lists the problem answers beside its success. The Problem schema is added here, after springdoc
     * has built the components from the scanned models, which would leave out one added to the bean above.
     */
    @Bean
    OpenApiCustomizer lanewayProblemResponses(LanewayOpenApiProperties properties) {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            if (openApi.getPaths() != null) {
                openApi.getPaths().remove("/error"); // Spring Boot's error page: every failure here answers problem+json itself
                openApi.getPaths().forEach((path, item) -> addProblems(path, item, properties.problems()));
            }
        };
    }

    static void addProblems(String path, PathItem item, Map<String, String> problems) {
        if (!path.startsWith("/v1/") && !path.startsWith("/internal/")) {
            return;
        }
        item.readOperations().forEach(operation -> problems.forEach((status, meaning) -> {
            if (operation.getResponses() != null && !operation.getResponses().containsKey(status)) {
                operation.getResponses().addApiResponse(status, new ApiResponse().description(meaning)
                        .content(new Content().addMediaType("application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                                        .example(problemExample(status, meaning, path)))));
            }
        }));
    }

    /** What this refusal looks like on the wire: its stable type, the status's title, and the meaning as the detail. */
    static Map<String, Object> problemExample(String status, String meaning, String path) {
        String title = org.springframework.http.HttpStatus.valueOf(Integer.parseInt(status)).getReasonPhrase();
        Map<String, Object> example = new java.util.LinkedHashMap<>();
        example.put("type", ProblemTypes.of(title).toString());
        example.put("title", title);
        example.put("status", Integer.parseInt(status));
        example.put("detail", meaning);
        example.put("instance", path);
        return example;
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri").example("urn:laneway:problem:unknown-message-type")
                        .description("Stable: urn:laneway:problem: and the title in lower case with dashes; branch on it"))
                .addProperty("title", new StringSchema().example("Unknown message type"))
                .addProperty("status", new IntegerSchema().example(422))
                .addProperty("detail", new StringSchema().description("What was wrong, in words a person can act on"))
                .addProperty("instance", new StringSchema().example("/v1/messages"));
    }
}
