package io.laneway.router.ingress;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The router's listeners must not skip a record because Kafka was briefly away: retry with exponential
 * backoff (capped at 10 s between tries) until it works. Spring Kafka's default gives up after 10 tries.
 */
@Configuration
class ListenerErrorHandling {

    @Bean
    DefaultErrorHandler routerListenerErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        return new DefaultErrorHandler(backOff);
    }
}
