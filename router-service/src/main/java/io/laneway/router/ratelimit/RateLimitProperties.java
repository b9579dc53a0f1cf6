package io.laneway.router.ratelimit;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Requests per second per client ({@code laneway.router.rate-limit.*}); a client without an entry gets
 * the default. A client may burst up to its per-second limit at once.
 */
@ConfigurationProperties("laneway.router.rate-limit")
public record RateLimitProperties(@DefaultValue("1000") int defaultPerSecond, Map<String, Integer> clients) {

    public RateLimitProperties {
        clients = clients == null ? Map.of() : Map.copyOf(clients);
    }

    public int limitFor(String clientId) {
        return clients.getOrDefault(clientId, defaultPerSecond);
    }
}
