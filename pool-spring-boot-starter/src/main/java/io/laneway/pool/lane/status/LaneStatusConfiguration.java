package io.laneway.pool.lane.status;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaAdmin;

/** The lanes' live status for operators (/v1/lanes). Imported with the dead-letter API by the starter's auto-configuration. */
@Configuration(proxyBeanMethods = false)
@Import(LaneStatusController.class)
public class LaneStatusConfiguration {

    /** One admin client for lag queries, made from Spring's Kafka admin settings (bootstrap servers, security). */
    @Bean(destroyMethod = "close")
    GroupLag laneGroupLag(KafkaAdmin kafkaAdmin) {
        return new GroupLag(Admin.create(kafkaAdmin.getConfigurationProperties()));
    }
}
