package io.laneway.pool.lane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.laneway.pool.support.PoolIntegrationTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.junit.jupiter.api.Test;

/**
 * Every consumer group of a pool deployment carries its {@code laneway.pool.group-prefix}, so two deployments on one
 * Kafka cluster never split each other's partitions (the dead-letter indexer once used a fixed group).
 */
class DeploymentGroupsTest extends PoolIntegrationTest {

    @Test
    void everyGroupOfTheDeploymentCarriesItsPrefix() {
        Set<String> expected = Set.of(GROUP_PREFIX + "-fast", GROUP_PREFIX + "-heavy", GROUP_PREFIX + "-long-running",
                GROUP_PREFIX + "-retry", GROUP_PREFIX + "-dlq-indexer");
        await("the deployment's consumer groups", () -> groups().containsAll(expected));

        assertThat(groups()).as("no group under the default prefix while another is configured")
                .noneMatch(group -> group.startsWith("laneway-pool-"));
    }

    private static Set<String> groups() {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            return admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(10, TimeUnit.SECONDS).stream()
                    .map(GroupListing::groupId).collect(Collectors.toSet());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
