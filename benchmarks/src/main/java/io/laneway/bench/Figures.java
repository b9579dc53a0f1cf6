package io.laneway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Figures a benchmark hands to the suite ({@code ./bench/suite}): one {@code key=value} line each, appended to the file
 * named by {@code -Dbench.figures} (nothing happens without it). Each benchmark stays a program of its own; the suite
 * runs them one after another and builds its single table from these lines.
 */
final class Figures {

    private Figures() {
    }

    static void put(String key, double value) {
        String file = System.getProperty("bench.figures");
        if (file == null || Double.isNaN(value)) {
            return; // nothing measured (e.g. a lane without traffic in this benchmark): another step may have it
        }
        try {
            Files.writeString(Path.of(file), key + "=" + String.format(Locale.ROOT, "%.4f", value) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write figure " + key + " to " + file, e);
        }
    }

    /** Whether the benchmark appends its own section to its results file (the suite writes one file instead). */
    static boolean appendResults() {
        return !"false".equals(System.getProperty("bench.appendResults"));
    }

    /**
     * A quantile from a Prometheus histogram in a scrape ({@code <metric>_bucket} lines whose labels contain
     * {@code labelFilter}), interpolated linearly inside the bucket as PromQL's histogram_quantile does. NaN when the
     * histogram is empty.
     */
    static double histogramQuantile(String scrape, String metric, String labelFilter, double q) {
        return quantile(cumulative(scrape, metric, labelFilter), q);
    }

    /** As {@link #histogramQuantile}, over what was observed between two scrapes of the same process. */
    static double histogramQuantileBetween(String before, String after, String metric, String labelFilter, double q) {
        TreeMap<Double, Double> earlier = cumulative(before, metric, labelFilter);
        TreeMap<Double, Double> delta = cumulative(after, metric, labelFilter);
        delta.replaceAll((upper, count) -> count - earlier.getOrDefault(upper, 0.0));
        return quantile(delta, q);
    }

    private static TreeMap<Double, Double> cumulative(String scrape, String metric, String labelFilter) {
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        for (String line : scrape.lines().toList()) {
            if (!line.startsWith(metric + "_bucket{") || !line.contains(labelFilter)) {
                continue;
            }
            int le = line.indexOf("le=\"");
            String bound = line.substring(le + 4, line.indexOf('"', le + 4));
            double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
            cumulative.merge(upper, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
        }
        return cumulative;
    }

    private static double quantile(TreeMap<Double, Double> cumulative, double q) {
        if (cumulative.isEmpty() || cumulative.lastEntry().getValue() == 0) {
            return Double.NaN;
        }
        double rank = q * cumulative.lastEntry().getValue();
        double lower = 0;
        double below = 0;
        List<Double> bounds = new ArrayList<>(cumulative.keySet());
        for (double upper : bounds) {
            double count = cumulative.get(upper);
            if (count >= rank) {
                if (Double.isInfinite(upper)) {
                    return lower; // above the highest finite bucket: its bound is all that is known
                }
                return lower + (upper - lower) * (count == below ? 0 : (rank - below) / (count - below));
            }
            lower = upper;
            below = count;
        }
        return lower;
    }
}
