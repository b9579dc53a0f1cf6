package io.laneway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.laneway.security.EdgeSecurity;
import io.laneway.security.LanewaySecurity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Requests refused below the controllers (by Tomcat itself) still get problem+json, never Tomcat's HTML page. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = ProblemWebTest.App.class,
        properties = "laneway.schema-registry.url=http://127.0.0.1:1/unused")
class ProblemWebTest {

    @SpringBootApplication
    @RestController
    static class App {
        @GetMapping("/things/{id}")
        String thing(@PathVariable String id) {
            return id;
        }

        /** As every service starts its chain: the edge's keys and problem answers, the shared permit list. */
        @Bean
        SecurityFilterChain security(HttpSecurity http, EdgeSecurity edge) throws Exception {
            edge.apply(http, "Needs scope admin.");
            http.authorizeHttpRequests(auth -> {
                LanewaySecurity.actuatorRules(auth);
                auth.requestMatchers("/things/**").permitAll().anyRequest().hasAuthority("SCOPE_admin");
            });
            return http.build();
        }
    }

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "an encoded NUL in the path,   /things/a%00b,               ''",
            "an encoded slash in the path, /things/..%2F..%2Fetc,       ''",
            "a header over the limit,      /things/1,                   huge"})
    void aRequestTomcatRefusesIsAnsweredAsProblemJson(String what, String path, String header) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (header.equals("huge")) {
            request.header("X-API-Key", "k".repeat(20_000));
        }
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(what).isBetween(400, 499);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/problem+json");
        assertThat(answer.body()).as(what).contains("\"status\":" + answer.statusCode()).contains("\"detail\":")
                .doesNotContain("Tomcat").doesNotContain("<html");
    }

    @org.junit.jupiter.api.Test
    void askingForTheErrorPathItselfIsA404NotA500() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/error"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("Nothing is served at this path");
    }
}
