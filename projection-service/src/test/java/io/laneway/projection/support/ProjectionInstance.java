package io.laneway.projection.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import io.laneway.infra.FreePorts;
import io.laneway.infra.LocalInfrastructure;
import io.laneway.projection.ProjectionApplication;
import io.laneway.projection.lag.ProjectionLag;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** One real projection-service (its own Spring context, port and state directory) against the shared broker and registry. */
public final class ProjectionInstance implements AutoCloseable {

    /** The reading client's key: client {@value #CLIENT}, which published the test messages. */
    public static final String API_KEY = "projection-test-reader-key";
    public static final String CLIENT = "reader";
    /** An operator's key (scope admin): reads every client's messages. */
    public static final String ADMIN_KEY = "projection-test-operator-key";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final ConfigurableApplicationContext context;

    private ProjectionInstance(int port, ConfigurableApplicationContext context) {
        this.port = port;
        this.context = context;
    }

    public static ProjectionInstance start(String applicationId, Path stateDir, boolean streamsAutoStartup) {
        return start(applicationId, stateDir, streamsAutoStartup, false);
    }

    public static ProjectionInstance start(String applicationId, Path stateDir, boolean streamsAutoStartup, boolean cleanState) {
        LocalInfrastructure infra = LocalInfrastructure.shared();
        int port = FreePorts.next();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ProjectionApplication.class).run(
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--laneway.schema-registry.url=" + infra.schemaRegistryUrl(),
                "--spring.kafka.streams.application-id=" + applicationId,
                "--spring.kafka.streams.state-dir=" + stateDir,
                "--spring.kafka.streams.auto-startup=" + streamsAutoStartup,
                "--laneway.projection.lag-refresh=500ms",
                "--laneway.projection.clean-state-on-start=" + cleanState,
                "--laneway.security.api-keys[0].key=" + API_KEY,
                "--laneway.security.api-keys[0].client=" + CLIENT,
                "--laneway.security.api-keys[0].scopes=messages:read",
                "--laneway.security.api-keys[1].key=" + ADMIN_KEY,
                "--laneway.security.api-keys[1].client=operator",
                "--laneway.security.api-keys[1].scopes=admin",
                "--management.metrics.tags.instance=" + port);
        return new ProjectionInstance(port, context);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    public KafkaStreams.State state() {
        KafkaStreams streams = context.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
        return streams == null ? null : streams.state();
    }

    public ProjectionLag lag() {
        return context.getBean(ProjectionLag.class);
    }

    /** GET with the test API key. */
    public HttpResponse<String> get(String pathAndQuery) {
        return get(pathAndQuery, "X-API-Key", API_KEY);
    }

    /** GET with exactly the given headers (name, value, ...), e.g. none to see what an anonymous caller gets. */
    public HttpResponse<String> get(String pathAndQuery, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).timeout(Duration.ofSeconds(10)).GET();
            if (headers.length > 0) {
                request.headers(headers);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + pathAndQuery + " on " + endpoint() + " failed", e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
