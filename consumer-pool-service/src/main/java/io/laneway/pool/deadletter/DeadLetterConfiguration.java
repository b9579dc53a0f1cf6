package io.laneway.pool.deadletter;

import io.laneway.pool.lane.PoolProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class DeadLetterConfiguration {

    @Bean
    FloodDetector floodDetector(PoolProperties properties) {
        return new FloodDetector(properties.deadLetters().floodThreshold(), properties.deadLetters().floodWindow());
    }
}
