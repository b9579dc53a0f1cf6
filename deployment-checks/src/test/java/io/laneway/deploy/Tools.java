package io.laneway.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real tools the checks need: promtool (Debian's prometheus package) and Node tools pinned in
 * {@code deployment-checks/tools/package-lock.json}, installed with {@code npm ci} on first use. A missing tool is
 * a failure that says what to install ({@code .ci/run} installs them on a fresh machine), never a skipped check.
 */
public final class Tools {

    public record Result(int exitCode, String output) {
    }

    private Tools() {
    }

    static Path nodeTools() {
        Path tools = Repository.root().resolve("deployment-checks/tools");
        synchronized (Tools.class) {
            if (!Files.isDirectory(tools.resolve("node_modules"))) {
                Result install = run(tools, null, List.of("npm", "ci", "--no-audit", "--no-fund"));
                if (install.exitCode() != 0) {
                    throw new IllegalStateException("npm ci in " + tools + " failed:\n" + install.output());
                }
            }
        }
        return tools;
    }

    public static Result run(Path directory, String stdin, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 5 minutes");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command.getFirst() + " (install it: see .ci/run): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
