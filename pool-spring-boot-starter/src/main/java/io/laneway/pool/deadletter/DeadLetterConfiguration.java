package io.laneway.pool.deadletter;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Dead letters: written with full context, quarantined in a flood, indexed for operators. Imported by the starter's auto-configuration. */
@Configuration(proxyBeanMethods = false)
@Import({DeadLetterPublisher.class, DeadLetterIndexer.class, OpenDeadLettersGauge.class, FloodDetection.class})
public class DeadLetterConfiguration {
}
