package io.laneway.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Real PostgreSQL 17 binaries (zonky) on loopback. The server is a separate process, so its postmaster
 * is registered with {@link OrphanGuard} (SIGINT = PostgreSQL's "fast shutdown").
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final long postmasterPid;

    private LocalPostgres(EmbeddedPostgres postgres, long postmasterPid) {
        this.postgres = postgres;
        this.postmasterPid = postmasterPid;
    }

    /** @param port fixed port, or 0 for any free port */
    public static LocalPostgres start(int port, Path runDir) {
        try {
            Path dataDir = Files.createDirectories(runDir).resolve("pgdata-" + ProcessHandle.current().pid());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("max_prepared_transactions", "0")
                    // zonky turns durability off by default; Laneway's guarantees (and benchmarks) need it on
                    .setServerConfig("synchronous_commit", "on");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            long postmasterPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().trim());
            OrphanGuard.register(postmasterPid, "INT");
            return new LocalPostgres(postgres, postmasterPid);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start embedded PostgreSQL", e);
        }
    }

    /** The server runs detached (pg_ctl daemonizes it), so it is not a descendant of this JVM. */
    public long postmasterPid() {
        return postmasterPid;
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates a database (one per service, as in production) if it does not exist yet. */
    public void createDatabase(String database) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
             Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + database.replace("'", "") + "'");
            if (!rs.next()) {
                s.execute("create database \"" + database.replace("\"", "") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot stop embedded PostgreSQL", e);
        }
    }
}
