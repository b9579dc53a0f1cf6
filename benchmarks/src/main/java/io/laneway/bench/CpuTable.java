package io.laneway.bench;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each process's CPU per unit of work, one row per phase of a benchmark (a baseline's phase beside the measured one), and
 * their sum: the one shape every benchmark prints its CPU in.
 */
final class CpuTable {

    /** One phase: its name, the unit its work is counted in, and each process's µs of CPU per unit. */
    record Phase(String name, String unit, Map<String, Double> micros) {

        /** What the processes spent since {@code before}, per unit ({@code units} of work done in the phase). */
        static Phase since(String name, String unit, CpuTimes before, Map<String, Long> processes, long units) {
            return new Phase(name, unit, CpuTimes.of(processes).minus(before).microsPer(units));
        }

        /** The same phase with one more process's µs per unit (one whose CPU is counted another way, e.g. wrk's). */
        Phase with(String process, double microsPerUnit) {
            Map<String, Double> more = new LinkedHashMap<>(micros);
            more.put(process, microsPerUnit);
            return new Phase(name, unit, more);
        }

        Phase withUnit(String other) {
            return new Phase(name, other, micros);
        }

        double total() {
            return micros.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private CpuTable() {
    }

    /** A Markdown table: one row per phase, one column per process (in the order they first appear), and "all". */
    static String render(List<Phase> phases) {
        Set<String> processes = new LinkedHashSet<>();
        phases.forEach(phase -> processes.addAll(phase.micros().keySet()));
        StringBuilder table = new StringBuilder("| phase | µs of CPU per | ").append(String.join(" | ", processes))
                .append(" | all |\n|---|---").append("|---".repeat(processes.size() + 1)).append("|\n");
        for (Phase phase : phases) {
            table.append("| ").append(phase.name()).append(" | ").append(phase.unit());
            processes.forEach(p -> table.append(" | ").append(phase.micros().containsKey(p) ? micros(phase.micros().get(p)) : ""));
            table.append(" | **").append(micros(phase.total())).append("** |\n");
        }
        return table.toString();
    }

    /** Whole µs, or tenths below 10 (a plain consumer's few µs per event). */
    static String micros(double value) {
        return String.format(java.util.Locale.ROOT, value < 10 ? "%.1f" : "%,.0f", value);
    }
}
