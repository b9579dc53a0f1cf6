package io.laneway.pool.lane;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** One adaptive pool per lane, the retry forwarder, and the pool's Kafka templates. Imported by the starter's auto-configuration. */
@Configuration(proxyBeanMethods = false)
@Import({KafkaWiring.class, LanePools.class})
public class LaneConfiguration {
}
