package io.laneway.router.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.laneway.router.support.RouterIntegrationTest;
import io.laneway.router.support.Tokens;
import org.junit.jupiter.api.Test;

class OpenApiAndCatalogTest extends RouterIntegrationTest {

    @Test
    void theServiceDescribesItsApi() throws Exception {
        var docs = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"/v1/messages\"", "\"/v1/messages:batch\"", "\"/v1/types\"");
    }

    @Test
    void theCatalogListsTypesWithTheirDefaults() throws Exception {
        var types = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/types"))
                .header("Authorization", Tokens.bearer("test-client")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(types.statusCode()).isEqualTo(200);
        assertThat(types.body()).contains("\"demo.greet\"", "\"report.render\"", "\"COMPUTE_INTENSIVE\"");
    }
}
