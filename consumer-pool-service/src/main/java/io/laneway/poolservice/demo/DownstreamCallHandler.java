package io.laneway.poolservice.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.laneway.pool.handler.EnvelopeHandler;
import io.laneway.pool.handler.HandlerContext;
import io.laneway.pool.handler.NonRetryableProcessingException;
import io.laneway.poolservice.ExamplesProperties;
import org.springframework.stereotype.Component;

/**
 * {@code demo.call}: calls a remote HTTP service (the downstream named {@code demo-downstream}, guarded by its
 * circuit breaker), then records one effect row in {@code demo_work}. Its latency is the downstream's: the
 * adaptive-concurrency benchmark steps that latency and watches the pool follow.
 */
@Component
public class DownstreamCallHandler implements EnvelopeHandler<DownstreamCallHandler.Call> {

    public record Call(String path) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;

    public DownstreamCallHandler(ExamplesProperties examples) {
        this.baseUrl = examples.downstreamUrl();
    }

    @Override
    public String type() {
        return "demo.call";
    }

    @Override
    public Class<Call> payloadType() {
        return Call.class;
    }

    @Override
    public String downstream() {
        return "demo-downstream";
    }

    @Override
    public void handle(Call call, HandlerContext context) throws IOException, InterruptedException {
        if (baseUrl.isBlank()) {
            throw new NonRetryableProcessingException("demo.call needs laneway.pool.examples.downstream-url");
        }
        var response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + (call.path() == null ? "" : call.path())))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() >= 300) {
            throw new IOException("downstream answered " + response.statusCode()); // transient: retried later
        }
        context.jdbc().sql("insert into demo_work (message_id) values (?)").param(context.envelope().getId()).update();
    }
}
