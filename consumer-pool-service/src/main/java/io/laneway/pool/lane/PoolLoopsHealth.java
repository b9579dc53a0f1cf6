package io.laneway.pool.lane;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Liveness of the pool's loops: DOWN when a lane's poll loop or the retry forwarder is dead or has not polled within
 * {@code laneway.pool.stuck-after} (default 2 min, above any rebalance's wait for running batches). The loops restart
 * themselves after a failure; one that stays stuck needs a new process, which is what a failing liveness probe gets.
 */
@Component("poolLoops")
public class PoolLoopsHealth implements HealthIndicator {

    private final LanePools pools;
    private final Duration bound;

    public PoolLoopsHealth(LanePools pools, @Value("${laneway.pool.stuck-after:2m}") Duration bound) {
        this.pools = pools;
        this.bound = bound;
    }

    @Override
    public Health health() {
        List<String> stuck = pools.stuckLoops(bound);
        return (stuck.isEmpty() ? Health.up() : Health.down().withDetail("stuck", stuck)).withDetail("bound", bound.toString()).build();
    }
}
