package io.laneway.pool.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.laneway.pool.support.PoolIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/** The probes see the pool's own state: its loops in liveness, the schema registry's breaker in readiness. */
class PoolHealthTest extends PoolIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void livenessWatchesTheLoopsAndReadinessTheSchemaRegistry() {
        RestClient api = RestClient.create("http://127.0.0.1:" + port);

        String liveness = api.get().uri("/actuator/health/liveness").header("X-API-Key", ADMIN_KEY).retrieve().body(String.class);
        String readiness = api.get().uri("/actuator/health/readiness").header("X-API-Key", ADMIN_KEY).retrieve().body(String.class);

        assertThat(liveness).contains("\"poolLoops\"").contains("\"status\":\"UP\"");
        assertThat(readiness).contains("\"schemaRegistry\"").contains("\"circuitBreaker\":\"CLOSED\"");
    }
}
