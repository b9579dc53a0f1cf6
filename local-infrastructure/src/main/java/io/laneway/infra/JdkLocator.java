package io.laneway.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a {@code java} executable of at least a given feature version, the way the build's toolchains
 * plugin does: the running JDK, then JAVA_HOME, then the JDKs in ~/.m2/toolchains.xml, then the usual
 * install directories.
 */
public final class JdkLocator {

    private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");
    private static final Pattern TOOLCHAIN_HOME = Pattern.compile("<jdkHome>\\s*([^<]+?)\\s*</jdkHome>");

    private JdkLocator() {
    }

    public static Path javaExecutable(int minimumFeatureVersion) {
        if (Runtime.version().feature() >= minimumFeatureVersion) {
            return Path.of(System.getProperty("java.home"), "bin", "java");
        }
        return candidates().stream()
                .filter(home -> featureVersion(home).orElse(0) >= minimumFeatureVersion)
                .map(home -> home.resolve("bin").resolve("java"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "No JDK " + minimumFeatureVersion + "+ found. Install one (e.g. Temurin 21 or 25) or set JAVA_HOME to it."));
    }

    private static List<Path> candidates() {
        List<Path> homes = new ArrayList<>();
        Optional.ofNullable(System.getenv("JAVA_HOME")).map(Path::of).ifPresent(homes::add);
        Path toolchains = Path.of(System.getProperty("user.home"), ".m2", "toolchains.xml");
        if (Files.isReadable(toolchains)) {
            try {
                Matcher m = TOOLCHAIN_HOME.matcher(Files.readString(toolchains));
                while (m.find()) {
                    homes.add(Path.of(m.group(1)));
                }
            } catch (IOException ignored) {
                // an unreadable toolchains file only means fewer candidates
            }
        }
        for (String dir : List.of("/usr/lib/jvm", "/opt/java", "/Library/Java/JavaVirtualMachines")) {
            try (Stream<Path> entries = Files.list(Path.of(dir))) {
                entries.sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()))
                        .forEach(p -> homes.add(Files.isDirectory(p.resolve("Contents/Home")) ? p.resolve("Contents/Home") : p));
            } catch (IOException ignored) {
                // directory absent on this OS
            }
        }
        return homes;
    }

    static Optional<Integer> featureVersion(Path jdkHome) {
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(jdkHome.resolve("release")));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
