package io.laneway.pool.processing;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Running handlers in batch transactions (and long-running ones in their own), with deadlines. Imported by the starter's auto-configuration. */
@Configuration(proxyBeanMethods = false)
@Import({HandlerRegistry.class, PayloadDecoding.class, HandlerInvocation.class, DeadlineWatchdog.class, BatchProcessor.class, OwnTransactionProcessor.class, TransactionManagers.class})
public class ProcessingConfiguration {
}
