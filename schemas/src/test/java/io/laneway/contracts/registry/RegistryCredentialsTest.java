package io.laneway.contracts.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

/** Credentials in the registry URL (as a Helm secret supplies them) become HTTP Basic auth and leave the URL. */
class RegistryCredentialsTest {

    @Test
    void userInfoInTheUrlIsSentAsBasicAuthAndNeverKeptInTheUrl() throws Exception {
        AtomicReference<String> authorization = new AtomicReference<>();
        HttpServer registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/apis/ccompat/v7/subjects", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "[\"a-value\"]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
        try {
            int port = registry.getAddress().getPort();
            SchemaRegistryClient client = new SchemaRegistryClient("http://laneway:p%40ss:word@127.0.0.1:" + port + "/apis/ccompat/v7");

            assertThat(client.subjects()).containsExactly("a-value");
            assertThat(authorization.get()).isEqualTo("Basic "
                    + Base64.getEncoder().encodeToString("laneway:p@ss:word".getBytes(StandardCharsets.UTF_8)));
            assertThat(client.baseUrl()).isEqualTo("http://127.0.0.1:" + port + "/apis/ccompat/v7");
        } finally {
            registry.stop(0);
        }
    }

    @Test
    void withoutUserInfoNoAuthorizationIsSent() throws Exception {
        AtomicReference<String> authorization = new AtomicReference<>("unset");
        HttpServer registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/subjects", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("[]".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        registry.start();
        try {
            new SchemaRegistryClient("http://127.0.0.1:" + registry.getAddress().getPort()).subjects();
            assertThat(authorization.get()).isNull();
        } finally {
            registry.stop(0);
        }
    }
}
