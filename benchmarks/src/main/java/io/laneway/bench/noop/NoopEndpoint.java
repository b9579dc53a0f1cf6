package io.laneway.bench.noop;

import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The baseline of the router's CPU per request: the same Spring Boot and Tomcat, a POST of the same JSON body parsed
 * by Jackson into a record and answered 202 with a small JSON body, and nothing else (CEILINGS.md's no-op endpoint).
 * Started in its own JVM by {@code RouterCpuBenchmark}, so its CPU is its own.
 */
@SpringBootApplication
@RestController
public class NoopEndpoint {

    record Publish(String type, String priority, JsonNode payload) {
    }

    record Accepted(String id, String lane, String status) {
    }

    @PostMapping(path = "/v1/messages", consumes = "application/json", produces = "application/json")
    ResponseEntity<Accepted> publish(@RequestBody Publish request) {
        return ResponseEntity.accepted().body(new Accepted(UUID.randomUUID().toString(), "FAST", "ROUTED"));
    }

    public static void main(String[] args) {
        SpringApplication.run(NoopEndpoint.class, args);
    }
}
