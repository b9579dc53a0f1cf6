package io.laneway.bench;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** The suite's one table, from the figures the benchmarks wrote. A figure that is missing shows as "n/a". */
final class SuiteTable {

    private SuiteTable() {
    }

    static double figure(Properties figures, String key) {
        String value = figures.getProperty(key);
        return value == null ? Double.NaN : Double.parseDouble(value);
    }

    static String render(Properties f, Map<String, Long> peakRssKb) {
        StringBuilder t = new StringBuilder("| area | measured | baseline in the same run | ratio | target |\n|---|---|---|---|---|\n");
        double raw = figure(f, "ingest.raw.rps");
        row(t, "ingest, POST /v1/messages:batch (x100)", num(figure(f, "ingest.batch.rps"), "envelopes/s"),
                "raw producer " + num(raw, "records/s"), pct(figure(f, "ingest.batch.rps") / raw), ">= 50% of raw");
        row(t, "ingest, POST /v1/messages, maximum", num(figure(f, "ingest.single.max.rps"), "envelopes/s"),
                "raw producer " + num(raw, "records/s"), pct(figure(f, "ingest.single.max.rps") / raw), "");
        row(t, "ingest, POST /v1/messages at half the maximum", ms(f, "ingest.single.half.p50") + " / " + ms(f, "ingest.single.half.p99")
                + " (p50 / p99)", "", "", "p99 <= 10 ms");
        double pool = figure(f, "pool.laneway.eps");
        row(t, "pool, exactly-once transaction + 1 ms work", num(pool, "envelopes/s"),
                "Spring Kafka listener " + num(figure(f, "pool.listener.eps"), "envelopes/s"), times(pool / figure(f, "pool.listener.eps")), ">= 5x");
        row(t, "pool, same work", num(pool, "envelopes/s"),
                "Parallel Consumer " + num(figure(f, "pool.parallel.eps"), "envelopes/s"), times(pool / figure(f, "pool.parallel.eps")), ">= 1x");
        row(t, "pool, full pipeline (outbox relayed to Kafka)", num(figure(f, "pool.full.eps"), "envelopes/s"), "", "",
                "duplicate effects: " + num(figure(f, "pool.duplicates"), ""));
        for (String lane : new String[] {"fast", "heavy", "long-running"}) {
            String measured = Double.isNaN(figure(f, "lane." + lane + ".p99"))
                    // the router classifies by each type's learned p95: once shipping is seen to finish in well under
                    // 30 s, order.ship goes to the fast lane, so a warm saga run may put nothing on this one
                    ? "nothing reached this lane in the measured part of the run"
                    : ms(f, "lane." + lane + ".p50") + " / " + ms(f, "lane." + lane + ".p99") + " (p50 / p99)";
            row(t, "end to end, " + lane + " lane (routed -> effects committed; " + (lane.equals("heavy")
                    ? "report.render under the isolation flood, queueing included)" : "saga run)"), measured, "", "", "");
        }
        double idle = figure(f, "isolation.idle.p99");
        double flooded = figure(f, "isolation.flooded.p99");
        row(t, "fast lane p99 (POST -> COMPLETED) with the heavy lane flooded", ms(f, "isolation.flooded.p99"),
                "heavy lane idle " + ms(f, "isolation.idle.p99"), times(flooded / idle), "<= 2x");
        row(t, "sagas (order -> stock -> payment -> shipping), offered " + num(figure(f, "saga.offered.rate"), "/s"),
                num(figure(f, "saga.per.second"), "sagas/s") + ", " + ms(f, "saga.p50") + " / " + ms(f, "saga.p99") + " (p50 / p99)",
                "", "", ">= 500/s, p99 <= 2 s");
        double projection = figure(f, "projection.events.per.second");
        row(t, "projection, events materialized by one instance", num(projection, "events/s"),
                "plain consumer " + num(figure(f, "projection.baseline.per.second"), "events/s"),
                times(projection / figure(f, "projection.baseline.per.second")), ">= 50,000/s");
        row(t, "projection query p99, local / routed", ms(f, "projection.local.p99") + " / " + ms(f, "projection.routed.p99"), "", "",
                "<= 5 ms / <= 20 ms");
        cpuRows(t, f);
        peakRssKb.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                row(t, "peak RSS, " + e.getKey(), num(e.getValue() / 1024.0, "MiB"), "", "", ""));
        return t.toString();
    }

    /** CPU per unit of work, all processes unless named (issue 28's goals), from each step's own CPU table. */
    private static void cpuRows(StringBuilder t, Properties f) {
        row(t, "CPU per POST /v1/messages, router, at the maximum", micros(f, "ingest.single.router.cpu.us"), "", "", "<= 100 µs");
        double pool = figure(f, "pool.cpu.micros");
        double listener = figure(f, "pool.listener.cpu.micros");
        row(t, "CPU per envelope, pool path (pool + broker + PostgreSQL)", micros(f, "pool.cpu.micros"),
                "Spring Kafka listener " + micros(f, "pool.listener.cpu.micros"), times(pool / listener), "<= 100 µs");
        row(t, "CPU per fast-lane message, end to end (isolation, heavy lane idle)", micros(f, "isolation.idle.cpu.us.per.message"),
                "", "", "");
        double saga = figure(f, "cpu.ms.per.saga");
        // the goal is for a loaded platform (500 sagas/s); at the suite's light rate the idle floor dominates (saga.md)
        row(t, "CPU per completed saga, offered " + num(figure(f, "saga.offered.rate"), "/s"),
                Double.isNaN(saga) ? "n/a" : String.format(Locale.ROOT, "%.2f ms", saga), "", "", "<= 2 ms at 500/s");
        double projection = figure(f, "projection.cpu.us.per.event");
        row(t, "CPU per event materialized, projection + broker", micros(f, "projection.cpu.us.per.event"),
                "plain consumer " + micros(f, "projection.baseline.cpu.us.per.event"),
                times(projection / figure(f, "projection.baseline.cpu.us.per.event")), "");
    }

    private static String micros(Properties f, String key) {
        double value = figure(f, key);
        return Double.isNaN(value) ? "n/a" : CpuTable.micros(value) + " µs";
    }

    private static void row(StringBuilder t, String area, String measured, String baseline, String ratio, String target) {
        t.append("| ").append(area).append(" | ").append(measured).append(" | ").append(baseline).append(" | ").append(ratio)
                .append(" | ").append(target).append(" |\n");
    }

    static String num(double value, String unit) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.0f %s", value, unit).trim();
    }

    private static String ms(Properties f, String key) {
        double value = figure(f, key);
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, value < 10 ? "%.1f ms" : "%,.0f ms", value);
    }

    private static String pct(double ratio) {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    private static String times(double ratio) {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2fx", ratio);
    }
}
