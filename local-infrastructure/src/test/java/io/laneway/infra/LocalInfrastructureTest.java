package io.laneway.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class LocalInfrastructureTest {

    private final LocalInfrastructure infra = LocalInfrastructure.shared();

    @Test
    void kafkaCreatesTopicsWithTheRequestedPartitions() throws Exception {
        infra.kafka().createTopics(Map.of("infra-test-topic", 3));
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        try (Admin admin = Admin.create(props)) {
            var description = admin.describeTopics(java.util.List.of("infra-test-topic")).allTopicNames().get().get("infra-test-topic");
            assertThat(description.partitions()).hasSize(3);
        }
    }

    @Test
    void postgresAnswersOnItsOwnDatabase() throws Exception {
        var props = infra.datasourceProperties("infra_test");
        try (var connection = DriverManager.getConnection(props.get("spring.datasource.url"), LocalPostgres.USER, LocalPostgres.PASSWORD);
             var rs = connection.createStatement().executeQuery("select current_database(), version()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("infra_test");
            assertThat(rs.getString(2)).startsWith("PostgreSQL 17");
        }
    }

    /** zonky starts PostgreSQL with fsync and synchronous commit off; a commit here must survive a power cut. */
    @Test
    void postgresFlushesEveryCommitToDisk() throws Exception {
        var props = infra.datasourceProperties("infra_test");
        try (var connection = DriverManager.getConnection(props.get("spring.datasource.url"), LocalPostgres.USER, LocalPostgres.PASSWORD);
             var rs = connection.createStatement().executeQuery(
                     "select name, setting from pg_settings where name in ('fsync', 'synchronous_commit') order by name")) {
            Map<String, String> settings = new java.util.TreeMap<>();
            while (rs.next()) {
                settings.put(rs.getString(1), rs.getString(2));
            }
            assertThat(settings).containsEntry("fsync", "on").containsEntry("synchronous_commit", "on");
        }
    }

    @Test
    void postgresStopsAndStartsAgainOnTheSamePortWithItsData() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(FreePorts.next(), java.nio.file.Path.of("target", "pg-restart"))) {
            postgres.createDatabase("restart_test");
            String url = postgres.jdbcUrl("restart_test");
            try (var c = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD)) {
                c.createStatement().execute("create table survived (id int); insert into survived values (42)");
            }
            postgres.stop();
            assertThatThrownBy(() -> DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD).close())
                    .as("refused while stopped").isInstanceOf(java.sql.SQLException.class);
            postgres.restart();
            try (var c = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD);
                 var rs = c.createStatement().executeQuery("select id from survived")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void registryServesTheConfluentApi() throws Exception {
        var response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(infra.schemaRegistryUrl() + "/subjects")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("[");
    }
}
