package io.laneway.infra;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Makes sure child processes (PostgreSQL, Apicurio, services) die with this JVM, even when the JVM is
 * killed with SIGKILL and no shutdown hook runs.
 *
 * <p>Why a watchdog process: the JDK cannot ask the kernel to signal children when the parent dies
 * (no portable PR_SET_PDEATHSIG). Instead a tiny shell reads "SIGNAL PID" lines from a pipe this JVM
 * holds open. When the JVM dies, the kernel closes the pipe, the shell's {@code read} sees end of file,
 * and it signals every registered process. On a normal shutdown the JVM stops its children itself and
 * then kills the watchdog, so nothing is signalled twice.
 */
public final class OrphanGuard {

    private static final String WATCHDOG_SCRIPT = """
            trap '' INT TERM HUP
            entries=""
            while read -r sig pid; do entries="$entries $sig:$pid"; done
            for e in $entries; do kill -s "${e%%:*}" "${e##*:}" 2>/dev/null; done
            sleep 15
            for e in $entries; do kill -s KILL "${e##*:}" 2>/dev/null; done
            """;

    private static Process watchdog;
    private static Writer pipe;

    private OrphanGuard() {
    }

    /** Registers a process to receive {@code signal} (TERM, INT, ...) if this JVM dies unexpectedly. */
    public static synchronized void register(long pid, String signal) {
        try {
            if (watchdog == null || !watchdog.isAlive()) {
                watchdog = new ProcessBuilder("bash", "-c", WATCHDOG_SCRIPT)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                pipe = new OutputStreamWriter(watchdog.getOutputStream(), StandardCharsets.US_ASCII);
            }
            pipe.write(signal + " " + pid + "\n");
            pipe.flush();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the orphan watchdog (is bash installed?)", e);
        }
    }

    /** Called after an orderly shutdown stopped every child: the watchdog must not signal anything. */
    public static synchronized void disarm() {
        if (watchdog != null) {
            watchdog.destroyForcibly();
            watchdog = null;
            pipe = null;
        }
    }
}
