package io.laneway.router.classify;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * The duration learner's listener container: configured like every other listener of the router, except that it
 * never commits offsets. Each router replica reads the lifecycle topic in a consumer group of its own from the latest
 * offset, so committed offsets would serve no one; worse, Kafka keeps a group with committed offsets for 7 days after
 * its last member left, and every restart would leave one behind for lag exporters to report. A group without
 * offsets is removed once it is empty.
 */
@Configuration
class LearnerListenerFactory {

    static final String NAME = "learnerListenerContainerFactory";

    @Bean(NAME)
    ConcurrentKafkaListenerContainerFactory<Object, Object> learnerListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumerFactory);
        // MANUAL, and the listener never acknowledges: nothing is ever committed; nor is the initial position, which
        // Spring Kafka otherwise commits when partitions are first assigned
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        factory.getContainerProperties().setAssignmentCommitOption(ContainerProperties.AssignmentCommitOption.NEVER);
        return factory;
    }
}
