package io.laneway.pool.concurrency;

/**
 * The default policy: shrink multiplicatively when the machine, the handler or its downstream is
 * struggling, grow additively when everything is comfortable, otherwise hold (AIMD, as TCP does).
 *
 * <p>Shrink x{@code shrinkFactor} when CPU &gt; {@code cpuHigh} or error rate &gt; {@code errorHigh} or
 * p95 &gt; {@code p95HighMillis}; grow +{@code growStep} when CPU &lt; {@code cpuLow}, error rate &lt;
 * {@code errorLow}, p95 &lt; {@code p95LowMillis} and work is actually waiting; always within
 * [{@code min}, {@code max}].
 */
public record ThresholdPolicy(int min, int max, double shrinkFactor, int growStep, double cpuHigh, double cpuLow,
                              double errorHigh, double errorLow, double p95HighMillis, double p95LowMillis,
                              long minSamples) implements ConcurrencyPolicy {

    /** The defaults: x0.7 / +5, CPU 0.8 / 0.5, errors 5% / 1%, p95 5 s / 1 s, bounds 1..100. */
    public static ThresholdPolicy defaults() {
        return new ThresholdPolicy(1, 100, 0.7, 5, 0.8, 0.5, 0.05, 0.01, 5_000, 1_000, 10);
    }

    public ThresholdPolicy withBounds(int newMin, int newMax) {
        return new ThresholdPolicy(newMin, newMax, shrinkFactor, growStep, cpuHigh, cpuLow, errorHigh, errorLow,
                p95HighMillis, p95LowMillis, minSamples);
    }

    public ThresholdPolicy withLatency(double highMillis, double lowMillis) {
        return new ThresholdPolicy(min, max, shrinkFactor, growStep, cpuHigh, cpuLow, errorHigh, errorLow,
                highMillis, lowMillis, minSamples);
    }

    @Override
    public int next(int current, LaneSignals s) {
        int bounded = clamp(current);
        if (s.finished() < minSamples) {
            return bounded; // too little evidence either way
        }
        boolean struggling = s.cpu() > cpuHigh || s.errorRate() > errorHigh || s.p95Millis() > p95HighMillis;
        if (struggling) {
            return clamp((int) Math.floor(bounded * shrinkFactor));
        }
        boolean comfortable = s.cpu() >= 0 && s.cpu() < cpuLow && s.errorRate() < errorLow && s.p95Millis() < p95LowMillis;
        if (comfortable && s.saturated()) {
            return clamp(bounded + growStep);
        }
        return bounded;
    }

    private int clamp(int value) {
        return Math.max(min, Math.min(max, value));
    }
}
