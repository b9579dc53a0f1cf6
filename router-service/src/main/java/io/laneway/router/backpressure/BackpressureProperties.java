package io.laneway.router.backpressure;

import java.time.Duration;
import java.util.Map;

import io.laneway.contracts.envelope.Lane;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code laneway.router.backpressure.*}: when each lane counts as overloaded, and how hard to push back.
 * {@code consumerGroup} is the pool's group prefix: its lanes consume as {@code <prefix>-fast} etc.
 */
@ConfigurationProperties("laneway.router.backpressure")
public record BackpressureProperties(
        @DefaultValue("laneway-pool") String consumerGroup,
        @DefaultValue("2s") Duration refreshInterval,
        Map<Lane, Long> healthyLag,
        @DefaultValue("10000") long defaultHealthyLag,
        @DefaultValue("2") double shedLowFactor,
        @DefaultValue("4") double shedNormalFactor,
        @DefaultValue("8") double shedHighFactor,
        @DefaultValue("20ms") Duration slowDelay) {

    public BackpressureProperties {
        healthyLag = healthyLag == null ? Map.of() : Map.copyOf(healthyLag);
    }

    public long healthyLagFor(Lane lane) {
        return healthyLag.getOrDefault(lane, defaultHealthyLag);
    }

    public SheddingPolicy policy() {
        return new SheddingPolicy(shedLowFactor, shedNormalFactor, shedHighFactor);
    }
}
