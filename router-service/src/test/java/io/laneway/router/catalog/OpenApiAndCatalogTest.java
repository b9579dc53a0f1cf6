package io.laneway.router.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.laneway.router.support.RouterIntegrationTest;
import io.laneway.router.support.Tokens;
import org.junit.jupiter.api.Test;

class OpenApiAndCatalogTest extends RouterIntegrationTest {

    private static final tools.jackson.databind.ObjectMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    @Test
    void theServiceDescribesItsApi() throws Exception {
        var docs = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"/v1/messages\"", "\"/v1/messages:batch\"", "\"/v1/types\"");
    }

    @Test
    void theDescriptionNamesTheServiceItsCredentialsAndItsProblems() throws Exception {
        var docs = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString()).body());

        assertThat(docs.at("/info/title").asString()).isEqualTo("Laneway router");
        assertThat(docs.at("/components/securitySchemes/apiKey/name").asString()).isEqualTo("X-API-Key");
        assertThat(docs.at("/components/securitySchemes/bearerJwt/scheme").asString()).isEqualTo("bearer");
        var responses = docs.at("/paths/~1v1~1messages/post/responses");
        for (String status : new String[] {"400", "401", "403", "422", "429", "503"}) {
            assertThat(responses.at("/" + status + "/content/application~1problem+json/schema/$ref").asString())
                    .as("POST /v1/messages answers %s as a problem", status).isEqualTo("#/components/schemas/Problem");
        }
        assertThat(docs.at("/components/schemas/Problem/properties/detail").isMissingNode()).as("the Problem schema is described").isFalse();
        assertThat(responses.has("202")).as("a publish answers 202, as documented").isTrue();
        assertThat(responses.has("200")).as("a publish never answers 200").isFalse();
        var batch = docs.at("/paths/~1v1~1messages:batch/post/responses");
        assertThat(batch.has("202") && batch.has("207") && !batch.has("200")).as("a batch answers 202 or 207: %s", batch.propertyNames()).isTrue();
        assertThat(docs.at("/paths").has("/error")).as("Spring Boot's error page is no API").isFalse();
    }

    @Test
    void theCatalogListsTypesWithTheirDefaults() throws Exception {
        var types = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/types"))
                .header("Authorization", Tokens.bearer("test-client")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(types.statusCode()).isEqualTo(200);
        assertThat(types.body()).contains("\"demo.greet\"", "\"report.render\"", "\"COMPUTE_INTENSIVE\"");
    }
}
