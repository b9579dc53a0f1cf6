package io.laneway.projection;

import java.time.Duration;

import io.laneway.contracts.Topics;
import io.laneway.contracts.lifecycle.LifecycleEvent;
import io.laneway.contracts.serde.LanewaySerdes;
import io.laneway.projection.lanes.LaneStatsTopology;
import io.laneway.projection.order.OrderViewTopology;
import io.laneway.projection.sales.ProductSalesTopology;
import io.laneway.projection.correlation.CorrelationIndexTopology;
import io.laneway.projection.status.MessageStatusTopology;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import io.laneway.registry.SchemaRegistryProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.CleanupConfig;

/**
 * Every read model in one Kafka Streams application (one consumer group, one rebuild):
 * <pre>
 * laneway.lifecycle    -> message-status (by message id) + lane-stats (per partition, per lane-minute)
 * laneway.order.events -> order-view (by order id) -> completed sales by product -> product-sales-5m + product-sales-total
 * </pre>
 */
@Configuration
@EnableConfigurationProperties(ProjectionProperties.class)
class ProjectionTopology {

    /**
     * A stopping instance leaves the group at once, so its keys move to the others within a rebalance instead
     * of answering 503 until the session times out (the classic-protocol default keeps it in the group).
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer streamsLifecycle(ProjectionProperties projection) {
        boolean cleanState = projection.cleanStateOnStart();
        return factory -> {
            factory.setLeaveGroupOnClose(true);
            if (cleanState) {
                // the rebuild procedure (README): local stores are wiped before start and restored from the log
                factory.setCleanupConfig(new CleanupConfig(true, false));
            }
        };
    }

    @Bean
    KStream<String, LifecycleEvent> lifecycleEvents(StreamsBuilder builder, MeterRegistry meters, SchemaRegistryProperties registry,
                                                    ProjectionProperties projection) {
        String registryUrl = registry.url();
        Duration grace = projection.lateGrace();
        Duration retention = projection.statsRetention();
        KStream<String, LifecycleEvent> lifecycle = builder.stream(Topics.LIFECYCLE,
                Consumed.with(Serdes.String(), LanewaySerdes.<LifecycleEvent>specificAvro(registryUrl, false)));
        MessageStatusTopology.build(lifecycle, registryUrl);
        CorrelationIndexTopology.build(lifecycle);
        Counter late = Counter.builder("laneway.projection.late.events").tag("view", LaneStatsTopology.STORE)
                .description("Events that arrived after their window's grace period and were left out").register(meters);
        LaneStatsTopology.build(builder, lifecycle, registryUrl, grace, retention, late::increment);
        return lifecycle;
    }

    @Bean
    KStream<String, ?> orderEvents(StreamsBuilder builder, SchemaRegistryProperties registry, ProjectionProperties projection) {
        String registryUrl = registry.url();
        Duration grace = projection.lateGrace();
        Duration retention = projection.statsRetention();
        var sales = OrderViewTopology.build(builder, registryUrl);
        ProductSalesTopology.build(sales, registryUrl, grace, retention);
        return sales;
    }
}
