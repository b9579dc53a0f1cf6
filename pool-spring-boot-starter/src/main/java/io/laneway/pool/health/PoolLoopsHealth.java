package io.laneway.pool.health;

import io.laneway.pool.config.PoolProperties;
import java.time.Duration;
import java.util.List;

import io.laneway.pool.lane.LanePools;
import io.laneway.pool.outbox.OutboxRelay;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Liveness of the pool's loops: DOWN when a lane's poll loop, the retry forwarder or the outbox relay is dead or has
 * not gone round within {@code laneway.pool.stuck-after} (default 2 min: above any rebalance's wait for running
 * batches and the relay's 30 s network timeout). The loops restart themselves after a failure; one that stays stuck
 * needs a new process, which is what a failing liveness probe gets.
 */
@Component("poolLoops")
public class PoolLoopsHealth implements HealthIndicator {

    private final LanePools pools;
    private final ObjectProvider<OutboxRelay> relay;
    private final Duration bound;

    public PoolLoopsHealth(LanePools pools, ObjectProvider<OutboxRelay> relay, PoolProperties properties) {
        this.pools = pools;
        this.relay = relay;
        this.bound = properties.stuckAfter();
    }

    @Override
    public Health health() {
        List<String> stuck = new java.util.ArrayList<>(pools.stuckLoops(bound));
        OutboxRelay outbox = relay.getIfAvailable();
        if (outbox != null && !outbox.progressingWithin(bound)) {
            stuck.add("outbox relay");
        }
        return (stuck.isEmpty() ? Health.up() : Health.down().withDetail("stuck", stuck)).withDetail("bound", bound.toString()).build();
    }
}
