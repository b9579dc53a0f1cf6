package io.laneway.web.openapi;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code laneway.openapi.*}: how a service's OpenAPI document ({@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}) names itself, and the RFC 9457 problem answers its API operations list.
 *
 * @param title       the document's title (default: the application's name)
 * @param description what the API is for
 * @param version     the API's version
 * @param problems    status to what it means for the caller, added to every operation under {@code /v1/} and
 *                    {@code /internal/} that does not describe that status itself
 */
@ConfigurationProperties("laneway.openapi")
public record LanewayOpenApiProperties(String title, String description, @DefaultValue("0.1.0-SNAPSHOT") String version,
                                       Map<String, String> problems) {

    public LanewayOpenApiProperties {
        version = version == null ? "0.1.0-SNAPSHOT" : version;
        problems = problems == null || problems.isEmpty() ? defaultProblems() : new LinkedHashMap<>(problems);
    }

    static Map<String, String> defaultProblems() {
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("400", "The request cannot be read: a malformed parameter or body");
        problems.put("401", "No credentials, or credentials that are not valid");
        problems.put("403", "Valid credentials without the scope this operation needs");
        problems.put("404", "Nothing by that id, or nothing the caller may see");
        problems.put("503", "A part this answer needs did not respond in time: retry later");
        return problems;
    }
}
