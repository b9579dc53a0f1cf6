package io.laneway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** The suite's PNG charts (XChart, headless): throughput against baselines, latencies, peak memory. */
final class SuiteCharts {

    private SuiteCharts() {
    }

    static void write(Properties f, Map<String, Long> peakRssKb, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        bars(dir.resolve("suite-throughput"), "Throughput against the baselines of the same run", "per second",
                List.of("raw producer", "ingest batch", "ingest single", "listener", "Parallel Consumer", "Laneway pool"),
                List.of(Series.of("per second", f, "ingest.raw.rps", "ingest.batch.rps", "ingest.single.max.rps", "pool.listener.eps",
                        "pool.parallel.eps", "pool.laneway.eps")));
        bars(dir.resolve("suite-latency"), "Latency (ms)", "ms",
                List.of("ingest single", "fast idle", "fast flooded", "lane fast", "lane heavy", "lane long-running", "saga", "query local",
                        "query routed"),
                List.of(Series.of("p50", f, "ingest.single.half.p50", "isolation.idle.p50", "isolation.flooded.p50", "lane.fast.p50",
                                "lane.heavy.p50", "lane.long-running.p50", "saga.p50", "projection.local.p50", "projection.routed.p50"),
                        Series.of("p99", f, "ingest.single.half.p99", "isolation.idle.p99", "isolation.flooded.p99", "lane.fast.p99",
                                "lane.heavy.p99", "lane.long-running.p99", "saga.p99", "projection.local.p99", "projection.routed.p99")));
        List<String> services = peakRssKb.keySet().stream().sorted().toList();
        List<Number> mib = services.stream().map(s -> (Number) (peakRssKb.get(s) / 1024.0)).toList();
        if (!services.isEmpty()) {
            bars(dir.resolve("suite-rss"), "Peak RSS per process (MiB)", "MiB", services, List.of(new Series("peak RSS", mib)));
        }
    }

    record Series(String name, List<Number> values) {
        /** Values of the given figures; an empty key or a missing figure plots as 0. */
        static Series of(String name, Properties f, String... keys) {
            List<Number> values = new ArrayList<>();
            for (String key : keys) {
                double v = key.isEmpty() ? Double.NaN : SuiteTable.figure(f, key);
                values.add(Double.isNaN(v) ? 0 : v);
            }
            return new Series(name, values);
        }
    }

    /**
     * A category some series has no figure for is left out of the chart (the table says n/a). A log scale would suit
     * figures four orders of magnitude apart, but XChart 3.8 refuses a logarithmic axis for bar charts (they are drawn
     * from zero), so the chart falls back to a linear axis; the table carries the exact figures.
     */
    private static void bars(Path file, String title, String yTitle, List<String> categories, List<Series> series) throws IOException {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            int index = i;
            if (series.stream().allMatch(s -> s.values().get(index).doubleValue() > 0)) {
                kept.add(i);
            }
        }
        if (kept.isEmpty()) {
            return;
        }
        try {
            BitmapEncoder.saveBitmap(chart(title, yTitle, categories, series, kept, true), file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IllegalArgumentException logScaleRefused) {
            // what XChart does for bars: fall back to the linear axis
            BitmapEncoder.saveBitmap(chart(title, yTitle, categories, series, kept, false), file.toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }

    private static CategoryChart chart(String title, String yTitle, List<String> categories, List<Series> series, List<Integer> kept,
                                       boolean logarithmic) {
        CategoryChart chart = new CategoryChartBuilder().width(1100).height(520).title(title + (logarithmic ? " (log scale)" : ""))
                .yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        chart.getStyler().setLegendVisible(series.size() > 1);
        for (Series s : series) {
            chart.addSeries(s.name(), kept.stream().map(categories::get).toList(), kept.stream().map(s.values()::get).toList());
        }
        return chart;
    }
}
