package io.laneway.pool.idempotency;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Claims on processed message ids (a redelivery is skipped) and their retention. Imported by the starter's auto-configuration. */
@Configuration(proxyBeanMethods = false)
@Import({IdempotencyClaims.class, IdempotencyRetention.class})
public class IdempotencyConfiguration {
}
