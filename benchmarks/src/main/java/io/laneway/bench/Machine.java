package io.laneway.bench;

/** What a results file records about where it ran. */
final class Machine {

    private Machine() {
    }

    static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            return new String(git.getInputStream().readAllBytes()).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

    static double totalMemoryGiB() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize() / (1024.0 * 1024 * 1024);
        }
        return 0;
    }
}
