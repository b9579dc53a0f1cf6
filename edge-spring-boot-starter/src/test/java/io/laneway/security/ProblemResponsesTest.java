package io.laneway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The security filters' 401/403 are valid problem+json whatever the detail and path hold (one writer, one escaping). */
class ProblemResponsesTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a \"quoted\" scope", "a back\\slash", "line\nbreak and\ttab", "control \u0001 char"})
    void theBodyIsValidJsonCarryingTheTextUnchanged(String text) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        ProblemResponses.write(response, 403, "Not allowed", text, "/v1/" + text);

        JsonNode body = JsonMapper.builder().build().readTree(response.getContentAsString());
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(body.get("detail").asString()).isEqualTo(text);
        assertThat(body.get("instance").asString()).isEqualTo("/v1/" + text);
        assertThat(body.get("status").asInt()).isEqualTo(403);
        assertThat(body.get("type").asString()).isEqualTo("urn:laneway:problem:not-allowed");
    }
}
