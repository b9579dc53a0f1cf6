package io.laneway.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * Where a sample was, by its first matching kind: the system calls a database server spends its kernel time in, then
     * other kernel time, then the server's own code. Self, not inclusive: PostgreSQL's binaries have no frame pointers, so
     * perf cannot walk their user-space stacks, but every sample knows its leaf and its kernel path.
     */
    static final List<Map.Entry<String, List<String>>> KINDS = List.of(
            Map.entry("WAL write and fdatasync", List.of("fdatasync", "sys_fsync", "sys_pwrite", "sys_write")),
            Map.entry("socket send (results to the client)", List.of("sys_sendto")),
            Map.entry("socket receive", List.of("sys_recvfrom", "sock_recvmsg")),
            Map.entry("epoll_wait (the wait for the next message)", List.of("epoll_wait")),
            Map.entry("semaphores and futexes (lock waits, wake-ups)", List.of("semtimedop", "sys_semop", "futex")),
            Map.entry("page faults", List.of("exc_page_fault")),
            Map.entry("other kernel", List.of("_[k]")));

    static String kind(String stack) {
        for (Map.Entry<String, List<String>> kind : KINDS) {
            for (String marker : kind.getValue()) {
                if (stack.contains(marker)) {
                    return kind.getKey();
                }
            }
        }
        return "the server's own code (user space)";
    }

    /** The samples by {@link #kind}, then the {@code top} user-space functions by self share. */
    static String table(Map<String, Long> stacks, int top) {
        long total = stacks.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> kinds = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        stacks.forEach((stack, count) -> {
            kinds.merge(kind(stack), count, Long::sum);
            String leaf = stack.substring(stack.lastIndexOf(';') + 1);
            if (!leaf.endsWith("_[k]")) {
                self.merge(leaf, count, Long::sum);
            }
        });
        StringBuilder table = new StringBuilder("| where | share of samples |\n|---|---|\n");
        kinds.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> table.append(String.format("| %s | %.1f%% |%n", e.getKey(), 100.0 * e.getValue() / total)));
        table.append(String.format("%n%,d samples. User-space functions, self:", total));
        self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> table.append(String.format(" `%s` %.1f%%;", e.getKey(), 100.0 * e.getValue() / total)));
        return table.append('\n').toString();
    }
}
