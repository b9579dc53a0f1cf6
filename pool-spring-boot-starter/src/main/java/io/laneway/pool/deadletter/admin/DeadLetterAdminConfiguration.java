package io.laneway.pool.deadletter.admin;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The operators' dead-letter API (/v1/dead-letters): inspect, replay, discard, audit. Imported by the starter's auto-configuration. */
@Configuration(proxyBeanMethods = false)
@Import({DeadLetterOperations.class, DeadLetterController.class})
public class DeadLetterAdminConfiguration {
}
