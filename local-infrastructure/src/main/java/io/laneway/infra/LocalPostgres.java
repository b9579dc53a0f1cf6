package io.laneway.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Real PostgreSQL 17 binaries (zonky) on loopback. The server is a separate process, so its postmaster
 * is registered with {@link OrphanGuard} (SIGINT = PostgreSQL's "fast shutdown"). It can be stopped and
 * started again on the same port and data ({@link #stop()}, {@link #restart()}), which fault tests need.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    /**
     * Set to {@code true} to load {@code pg_stat_statements} (a benchmark that reports where the database's time goes).
     * Off by default: the module costs a little on every statement, and tests have no use for it.
     */
    public static final String STATEMENT_STATS_PROPERTY = "laneway.postgres.statementStats";

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Path dataDir;
    private volatile int port;
    private volatile EmbeddedPostgres postgres;
    private volatile long postmasterPid;

    private LocalPostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** @param port fixed port, or 0 for any free port */
    public static LocalPostgres start(int port, Path runDir) {
        try {
            Path dataDir = Files.createDirectories(runDir).resolve("pgdata-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet());
            Directories.deleteRecursively(dataDir); // left over by an earlier JVM that had this pid
            LocalPostgres local = new LocalPostgres(dataDir, port);
            local.startServer();
            return local;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start embedded PostgreSQL", e);
        }
    }

    /**
     * zonky's own cleaning would delete the data on every stop, so this class owns the directory: fresh at the
     * first start (initdb runs when there is no postgresql.conf), kept across {@link #stop()} and {@link #restart()},
     * deleted at {@link #close()}.
     */
    private void startServer() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("max_prepared_transactions", "0")
                    // zonky turns durability off by default (synchronous_commit=off in its config, and it starts the
                    // postmaster with -F, which is fsync=off). Laneway's guarantees, and benchmarks that mean anything,
                    // need both on; a -c option given after -F wins, and pg_settings shows fsync=on.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on");
            if (Boolean.getBoolean(STATEMENT_STATS_PROPERTY)) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("pg_stat_statements.track_utility", "on"); // COMMIT, SAVEPOINT and friends count too
            }
            if (port > 0) {
                builder.setPort(port);
            }
            postgres = builder.start();
            port = postgres.getPort();
            postmasterPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().trim());
            OrphanGuard.register(postmasterPid, "INT");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** Stops the server (pg_ctl stop, fast mode), keeping its data: clients see refused connections. */
    public synchronized void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot stop embedded PostgreSQL", e);
        }
    }

    /** Starts the stopped server again on the same port and data. */
    public synchronized void restart() {
        startServer();
    }

    /** The server runs detached (pg_ctl daemonizes it), so it is not a descendant of this JVM. */
    public long postmasterPid() {
        return postmasterPid;
    }

    public int port() {
        return port;
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
    public synchronized void close() {
        stop();
        Directories.deleteRecursively(dataDir);
    }
}
