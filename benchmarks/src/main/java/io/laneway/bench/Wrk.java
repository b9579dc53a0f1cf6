package io.laneway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code wrk}: a closed-loop HTTP load generator in C, far cheaper per request than anything on the JVM, so
 * the two cores go to what is measured. Run under GNU time for its own CPU, which the benchmark prints beside the rest.
 */
final class Wrk {

    /** One run: what wrk counted and what it cost. */
    record Run(long requests, double seconds, double p50Millis, double p99Millis, long non2xx, long errors, double cpuSeconds) {
        double perSecond() {
            return requests / seconds;
        }
    }

    private Wrk() {
    }

    /** A Lua script that POSTs {@code body} as JSON with the API key (wrk sends the same request on every connection). */
    static Path postScript(Path dir, String body, String apiKey) throws IOException {
        return postScript(dir, body, apiKey, 0);
    }

    /**
     * The same, each connection pausing {@code delayMillis} before its next request: a paced load (wrk has no fixed-rate
     * mode; at a rate whose latencies are far below the pause this comes close to one, without a JVM generator's cost).
     */
    static Path postScript(Path dir, String body, String apiKey, double delayMillis) throws IOException {
        Path script = dir.resolve("post-" + Math.abs(body.hashCode()) + "-" + Math.round(delayMillis * 1000) + ".lua");
        Files.writeString(script, """
                wrk.method = "POST"
                wrk.body = [==[%s]==]
                wrk.headers["Content-Type"] = "application/json"
                wrk.headers["X-API-Key"] = "%s"
                %s
                """.formatted(body, apiKey, delayMillis > 0 ? "function delay() return " + delayMillis + " end" : ""),
                StandardCharsets.UTF_8);
        return script;
    }

    static Run run(String url, Path script, int connections, Duration length) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "wrk-cpu %U %S", "wrk", "-t2", "-c" + connections,
                "-d" + length.toSeconds() + "s", "--latency", "--timeout", "10s", "-s", script.toString(), url));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(length.toSeconds() + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        Matcher total = Pattern.compile("(\\d+) requests in ([\\d.]+)(ms|s|m)").matcher(output);
        if (!total.find()) {
            throw new IllegalStateException("no request count in wrk's output:\n" + output);
        }
        double seconds = Double.parseDouble(total.group(2)) * switch (total.group(3)) {
            case "ms" -> 0.001;
            case "m" -> 60;
            default -> 1;
        };
        Matcher cpu = Pattern.compile("wrk-cpu ([\\d.]+) ([\\d.]+)").matcher(output);
        double cpuSeconds = cpu.find() ? Double.parseDouble(cpu.group(1)) + Double.parseDouble(cpu.group(2)) : Double.NaN;
        return new Run(Long.parseLong(total.group(1)), seconds, latency(output, "50%"), latency(output, "99%"),
                count(output, "Non-2xx or 3xx responses: (\\d+)"),
                count(output, "Socket errors: connect (\\d+)") + count(output, "read (\\d+)") + count(output, "timeout (\\d+)"),
                cpuSeconds);
    }

    private static double latency(String output, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s)").matcher(output);
        if (!m.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static long count(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
