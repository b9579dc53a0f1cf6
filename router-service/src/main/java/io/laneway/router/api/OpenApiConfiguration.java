package io.laneway.router.api;

import io.laneway.router.config.RouterProperties;
import java.util.LinkedHashMap;
import java.util.Map;

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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The router's OpenAPI description as a client generator needs it: its name and version, the two ways to authenticate
 * (X-API-Key, a bearer JWT), and the RFC 9457 problem every refusal answers with, on every operation.
 */
@Configuration
class OpenApiConfiguration {

    static final String PROBLEM = "Problem";

    /** The refusals every publishing operation can answer, and what each means for the caller. */
    private static final Map<String, String> REFUSALS = refusals();

    @Bean
    OpenAPI routerOpenApi(RouterProperties router) {
        return new OpenAPI()
                .info(new Info().title("Laneway router").version(router.version())
                        .description("Publish envelopes to Laneway: each is authenticated, validated, rate-limited, deduplicated and "
                                + "classified into a lane. Errors are RFC 9457 problem+json."))
                .components(new Components()
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                                .name("X-API-Key").description("A static API key bound to a client and its scopes"))
                        .addSecuritySchemes("bearerJwt", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("A JWT naming the configured issuer and audience, scope messages:write")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"))
                .addSecurityItem(new SecurityRequirement().addList("bearerJwt"));
    }

    /**
     * Every operation under /v1 lists the problem answers beside its success. The Problem schema is added here, after
     * springdoc has built the components from the scanned models, which would leave out one added to the bean above.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            openApi.getPaths().forEach(OpenApiConfiguration::addProblems);
        };
    }

    private static void addProblems(String path, PathItem item) {
        if (!path.startsWith("/v1/")) {
            return;
        }
        item.readOperations().forEach(operation -> REFUSALS.forEach((status, meaning) -> {
            if (operation.getResponses() != null && !operation.getResponses().containsKey(status)) {
                operation.getResponses().addApiResponse(status, new ApiResponse().description(meaning)
                        .content(new Content().addMediaType("application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
            }
        }));
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Unknown message type"))
                .addProperty("status", new IntegerSchema().example(422))
                .addProperty("detail", new StringSchema().description("What was wrong, in words a person can act on"))
                .addProperty("instance", new StringSchema().example("/v1/messages"));
    }

    private static Map<String, String> refusals() {
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("400", "The request cannot be read: malformed JSON, a missing field, an unknown priority");
        refusals.put("401", "No credentials, or credentials that are not valid");
        refusals.put("403", "Valid credentials without the scope, the type, the priority this needs, or an internal type");
        refusals.put("413", "The body is larger than the router accepts");
        refusals.put("422", "An unknown type, a payload that breaks its schema, an idempotency key reused for another request");
        refusals.put("429", "Over the client's rate, or shed under backpressure: retry after Retry-After");
        refusals.put("503", "Kafka or the schema registry did not answer in time: nothing was accepted, retry after Retry-After");
        return refusals;
    }
}
