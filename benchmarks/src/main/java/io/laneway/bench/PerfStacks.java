package io.laneway.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pure parts of reading {@code perf script}: a frame's function name, collapsing a sample, and the top functions. */
final class PerfStacks {

    private PerfStacks() {
    }

    /** {@code "\tffffffff8224215b pv_native_safe_halt+0xb ([kernel.kallsyms])"} -> {@code pv_native_safe_halt_[k]}. */
    static String frame(String line) {
        String[] parts = line.trim().split("\\s+", 2);
        String rest = parts.length > 1 ? parts[1] : "[unknown]";
        int module = rest.lastIndexOf(" (");
        String symbol = module >= 0 ? rest.substring(0, module) : rest;
        boolean kernel = module >= 0 && rest.substring(module).contains("kernel.kallsyms");
        int offset = symbol.lastIndexOf("+0x");
        if (offset > 0) {
            symbol = symbol.substring(0, offset);
        }
        symbol = symbol.replace(';', ':').replace(' ', '_');
        return kernel ? symbol + "_[k]" : symbol;
    }

    /** Adds one sample: perf prints the leaf first, a collapsed stack starts at the root. */
    static void add(Map<String, Long> stacks, String comm, List<String> leafFirst) {
        if (leafFirst.isEmpty()) {
            return;
        }
        StringBuilder stack = new StringBuilder(comm);
        for (int i = leafFirst.size() - 1; i >= 0; i--) {
            stack.append(';').append(leafFirst.get(i));
        }
        stacks.merge(stack.toString(), 1L, Long::sum);
    }

    /** The {@code top} functions by inclusive share (each counted once per sample), each with its self share. */
    static String table(Map<String, Long> stacks, int top) {
        long total = stacks.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        stacks.forEach((stack, count) -> {
            String[] frames = stack.split(";");
            Set<String> seen = new HashSet<>();
            for (int i = 1; i < frames.length; i++) { // frames[0] is the process name
                if (seen.add(frames[i])) {
                    inclusive.merge(frames[i], count, Long::sum);
                }
            }
            self.merge(frames[frames.length - 1], count, Long::sum);
        });
        StringBuilder table = new StringBuilder("| function | inclusive | self |\n|---|---|---|\n");
        inclusive.entrySet().stream()
                .filter(e -> e.getValue() < total) // the roots every sample passes through say nothing
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> table.append(String.format("| `%s` | %.1f%% | %.1f%% |%n", e.getKey(), 100.0 * e.getValue() / total,
                        100.0 * self.getOrDefault(e.getKey(), 0L) / total)));
        table.append(String.format("%n%,d samples; self, the largest:", total));
        self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> table.append(String.format(" `%s` %.1f%%;", e.getKey(), 100.0 * e.getValue() / total)));
        return table.append('\n').toString();
    }
}
