package io.laneway.infra;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * The real Apicurio Registry 3.x (a Quarkus application) as a child process on loopback. Laneway only
 * talks to its Confluent-compatible API, so any Confluent-API registry can replace it in production.
 */
public final class LocalSchemaRegistry implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ChildProcess process;
    private final int port;

    private LocalSchemaRegistry(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static LocalSchemaRegistry start(int httpPort, int managementPort, Path runDir) {
        Path home = apicurioHome();
        Path java = JdkLocator.javaExecutable(21);
        List<String> command = List.of(java.toString(),
                "-Xmx256m", "-XX:+UseSerialGC",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.log.console.json=false",
                "-jar", home.resolve("quarkus-run.jar").toString());
        ChildProcess process = ChildProcess.start("apicurio-registry", command, home, runDir.resolve("apicurio-registry.log"));
        LocalSchemaRegistry registry = new LocalSchemaRegistry(process, httpPort);
        process.awaitReady(Duration.ofSeconds(90), registry::answers);
        return registry;
    }

    /** Base URL of the Confluent Schema Registry compatible API. */
    public String confluentApiUrl() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    private boolean answers() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(confluentApiUrl() + "/subjects"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Path apicurioHome() {
        String configured = System.getProperty("laneway.apicurio.home", System.getenv("LANEWAY_APICURIO_HOME"));
        Path home;
        if (configured != null) {
            home = Path.of(configured);
        } else {
            Properties built = new Properties();
            try (InputStream in = LocalSchemaRegistry.class.getResourceAsStream("local-infrastructure.properties")) {
                built.load(in);
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("local-infrastructure.properties missing from the classpath", e);
            }
            home = Path.of(built.getProperty("apicurio.home"));
        }
        if (!Files.isRegularFile(home.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException("Apicurio Registry not found at " + home
                    + ". Run './mvnw -pl local-infrastructure generate-resources' to unpack it, or set LANEWAY_APICURIO_HOME.");
        }
        return home;
    }

    @Override
    public void close() {
        process.stop();
    }
}
