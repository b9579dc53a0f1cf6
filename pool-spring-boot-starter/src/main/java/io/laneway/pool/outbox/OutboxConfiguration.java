package io.laneway.pool.outbox;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The transactional outbox: rows written in the batch's transaction, and the relay that publishes them. Imported by the starter's auto-configuration. */
@Configuration(proxyBeanMethods = false)
@Import({OutboxWriter.class, RelayWakeups.class, OutboxRelay.class, OutboxBacklogGauge.class})
public class OutboxConfiguration {
}
