package io.laneway.pool.schema;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * The platform's own tables (claims, outbox, checkpoints, dead letters) in their own Flyway chain: migrations in
 * {@code classpath:db/laneway/pool}, history in {@code laneway_pool_schema_history}. A service's own migrations
 * stay in Spring Boot's usual chain ({@code db/migration}, {@code flyway_schema_history}), so its {@code V1} never
 * meets ours. Runs before that chain and before anything that uses the database ({@link PoolSchemaDetector}).
 */
public class PoolSchema implements InitializingBean {

    public static final String LOCATION = "classpath:db/laneway/pool";
    public static final String HISTORY_TABLE = "laneway_pool_schema_history";
    private static final Logger log = LoggerFactory.getLogger(PoolSchema.class);

    private final DataSource dataSource;

    public PoolSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                // a database that already holds a service's own tables is not a reason to refuse ours
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        log.info("Laneway pool schema at version {} ({} migrations applied now)", result.targetSchemaVersion,
                result.migrationsExecuted);
    }
}
