package io.laneway.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.laneway.infra.LocalPostgres;

/**
 * Where PostgreSQL's time goes between two moments, per unit of work: the statements {@code pg_stat_statements}
 * counted (calls and execution time per unit, heaviest and most frequent first), transactions, statements and WAL per
 * unit, and the server's durability settings. Needs the module loaded ({@link LocalPostgres#STATEMENT_STATS_PROPERTY});
 * without it, {@link #take} returns {@code null} and the report says so. Execution time includes waiting for row locks
 * and leaves out parsing, planning, the wire protocol and commits, so it is printed beside the backends' CPU, not as it.
 */
final class PostgresStatements {

    /** One statement's counters, cluster-wide (one row per database and normalised statement). */
    record Counters(String database, String query, long calls, double execMillis, long rows) {
    }

    record Snapshot(Map<String, Counters> statements, long transactions, long walBytes, String durability) {
    }

    private static final int SHOWN = 12;

    private PostgresStatements() {
    }

    static boolean enabled() {
        return Boolean.getBoolean(LocalPostgres.STATEMENT_STATS_PROPERTY);
    }

    static Snapshot take(LocalPostgres postgres) {
        if (!enabled()) {
            return null;
        }
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), LocalPostgres.USER, LocalPostgres.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            Map<String, Counters> statements = new HashMap<>();
            try (ResultSet rs = s.executeQuery("""
                    select d.datname, p.dbid, p.queryid, p.query, p.calls, p.total_exec_time, p.rows
                    from pg_stat_statements p join pg_database d on d.oid = p.dbid""")) {
                while (rs.next()) {
                    statements.merge(rs.getLong(2) + "/" + rs.getLong(3),
                            new Counters(rs.getString(1), rs.getString(4), rs.getLong(5), rs.getDouble(6), rs.getLong(7)),
                            (a, b) -> new Counters(a.database(), a.query(), a.calls() + b.calls(), a.execMillis() + b.execMillis(), a.rows() + b.rows()));
                }
            }
            long transactions = single(s, "select sum(xact_commit + xact_rollback) from pg_stat_database");
            long walBytes = single(s, "select wal_bytes from pg_stat_wal");
            String durability = text(s, "select string_agg(name || '=' || setting, ', ' order by name) from pg_settings"
                    + " where name in ('fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes')");
            return new Snapshot(statements, transactions, walBytes, durability);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read pg_stat_statements", e);
        }
    }

    /** The statements that took the most execution time between the snapshots, per unit, and the totals. */
    static String report(Snapshot before, Snapshot after, long units, double backendCpuMillisPerUnit, String unit) {
        if (before == null || after == null) {
            return "PostgreSQL statements: not measured (run with -D" + LocalPostgres.STATEMENT_STATS_PROPERTY + "=true)\n";
        }
        double perUnit = 1.0 / Math.max(1, units);
        List<Counters> spent = new ArrayList<>();
        double execMillis = 0;
        for (var entry : after.statements().entrySet()) {
            Counters was = before.statements().get(entry.getKey());
            Counters now = entry.getValue();
            Counters delta = was == null ? now : new Counters(now.database(), now.query(), now.calls() - was.calls(),
                    now.execMillis() - was.execMillis(), now.rows() - was.rows());
            if (delta.calls() > 0) {
                spent.add(delta);
                execMillis += delta.execMillis();
            }
        }
        // the heaviest by time (lock waits included: a hot row shows here) and the most frequent (round trips)
        List<Counters> shown = new ArrayList<>();
        spent.stream().sorted(Comparator.comparingDouble(Counters::execMillis).reversed()).limit(SHOWN).forEach(shown::add);
        spent.stream().sorted(Comparator.comparingLong(Counters::calls).reversed()).limit(SHOWN).filter(c -> !shown.contains(c)).forEach(shown::add);
        long calls = spent.stream().mapToLong(Counters::calls).sum();
        StringBuilder out = new StringBuilder(String.format(
                "PostgreSQL per %s (pg_stat_statements; %s): %.1f transactions, %.1f statements, %.1f kB of WAL; the statements"
                        + " executed for %.2f ms (lock waits included), the backends used %.2f ms of CPU%n%n"
                        + "| database | statement | calls per %s | ms per %s | rows per call |%n|---|---|---|---|---|%n",
                unit, after.durability(), (after.transactions() - before.transactions()) * perUnit, calls * perUnit, (after.walBytes() - before.walBytes()) * perUnit / 1024,
                execMillis * perUnit, backendCpuMillisPerUnit, unit, unit));
        for (Counters statement : shown) {
            out.append(String.format("| %s | `%s` | %.2f | %.3f | %.1f |%n", statement.database(), oneLine(statement.query()),
                    statement.calls() * perUnit, statement.execMillis() * perUnit, statement.rows() / (double) statement.calls()));
        }
        return out.toString();
    }

    private static String text(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Short enough for a table cell: whitespace folded, pipes escaped, long statements cut. */
    private static String oneLine(String query) {
        String folded = query.replaceAll("\\s+", " ").replace("|", "\\|").replace("`", "'");
        return folded.length() > 140 ? folded.substring(0, 137) + "..." : folded;
    }
}
