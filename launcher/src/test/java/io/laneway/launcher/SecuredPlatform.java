package io.laneway.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One platform for the launcher's tests that need no platform of their own (the bad-input campaign, the authorization
 * matrix, the Java client, the operator console, the order saga end to end), started once per test JVM and stopped
 * when the JVM's tests are done: each of them alone started a whole platform (~40 s here).
 * Every service trusts the same JWT secret and holds the keys both tests present.
 */
public final class SecuredPlatform implements BeforeAllCallback {

    public static final byte[] JWT_SECRET = "laneway-matrix-test-secret-32-bytes!!".getBytes();
    public static final String POOL_ADMIN_KEY = "campaign-pool-admin-key";
    public static final String POOL_WRITER_KEY = "campaign-pool-writer-key";
    /** A publisher the router lets through once a second (LanewayClientTest's 429s). */
    public static final String FLOODER_KEY = "client-flooder-key";
    /** Per service: the prefix of its security properties (the shared laneway.security.* in each). */
    static final Map<String, String> SECURITY_PREFIX = Map.of("router", "laneway.security", "pool", "laneway.security",
            "saga", "laneway.security", "projection", "laneway.security");
    static final Map<String, String> SERVICE_NAMES = Map.of("router", "router-service", "pool", "consumer-pool-service",
            "saga", "saga-orchestrator", "projection", "projection-service");

    private static Platform platform;

    public static synchronized Platform platform() {
        if (platform == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SecuredPlatform.class)");
        }
        return platform;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (SecuredPlatform.class) {
            if (platform != null) {
                return;
            }
            platform = Platform.start(ServicePorts.random(), Path.of("..").toAbsolutePath().normalize(),
                    Path.of("target", "secured-run").toAbsolutePath(), arguments());
            Platform started = platform;
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SecuredPlatform.class,
                    (AutoCloseable) () -> PlatformShutdown.closeAndAwaitExit(started, List.of()));
        }
    }

    private static Map<String, List<String>> arguments() {
        Map<String, List<String>> extra = new LinkedHashMap<>();
        SECURITY_PREFIX.forEach((service, prefix) -> {
            List<String> arguments = new ArrayList<>(List.of("--" + prefix + ".jwt-hmac-secret=" + Base64.getEncoder().encodeToString(JWT_SECRET)));
            int next = 1;
            if (service.equals("pool")) {
                arguments.addAll(key(prefix, next++, POOL_ADMIN_KEY, "operator", "admin"));
                arguments.addAll(key(prefix, next++, POOL_WRITER_KEY, "writer", "messages:write"));
            }
            String ownerScope = service.equals("projection") ? "messages:read" : "messages:write";
            arguments.addAll(key(prefix, next++, "matrix-alice-key", "alice", ownerScope));
            arguments.addAll(key(prefix, next++, "matrix-bob-key", "bob", ownerScope));
            arguments.addAll(key(prefix, next++, "matrix-carol-key", "carol", "nothing:granted"));
            arguments.addAll(key(prefix, next++, "matrix-operator-key", "operator", "admin"));
            if (service.equals("router")) {
                arguments.addAll(key(prefix, next, FLOODER_KEY, "flooder", "messages:write"));
                arguments.add("--laneway.router.rate-limit.clients.flooder=1");
            }
            if (service.equals("pool")) {
                arguments.add("--laneway.pool.examples.payment-gateway.decline-rate=0.10"); // OrderSagaEndToEndTest's declines
            }
            if (service.equals("saga")) {
                // Step timeouts are proven by the topology tests; here a loaded CI machine must not turn the declines and
                // sold-out orders OrderSagaEndToEndTest counts into timeouts (it also kills and restarts the orchestrator).
                arguments.addAll(List.of("--spring.kafka.streams.properties.session.timeout.ms=6000",
                        "--laneway.saga.timeouts.stock=2m", "--laneway.saga.timeouts.payment=2m"));
            }
            extra.put(SERVICE_NAMES.get(service), arguments);
        });
        return extra;
    }

    private static List<String> key(String prefix, int index, String key, String client, String scopes) {
        String entry = "--" + prefix + ".api-keys[" + index + "].";
        return List.of(entry + "key=" + key, entry + "client=" + client, entry + "scopes=" + scopes);
    }
}
