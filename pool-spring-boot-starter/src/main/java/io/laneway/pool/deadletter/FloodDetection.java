package io.laneway.pool.deadletter;

import io.laneway.pool.config.PoolProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class FloodDetection {

    @Bean
    FloodDetector floodDetector(PoolProperties properties) {
        return new FloodDetector(properties.deadLetters().floodThreshold(), properties.deadLetters().floodWindow());
    }

    /**
     * The dead-letter indexer's error handling (Boot applies it to the pool's one {@code @KafkaListener}). Spring
     * Kafka's default tries a record 10 times and then skips it: with PostgreSQL down for a few seconds that would
     * leave dead letters the admin API never shows. While the database is unreachable the indexer waits (backoff up
     * to 10 s, without limit); any other error is not retried.
     */
    @Bean
    DefaultErrorHandler deadLetterIndexerErrors() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(10_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        handler.defaultFalse();
        handler.addRetryableExceptions(DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
                TransientDataAccessException.class);
        return handler;
    }
}
