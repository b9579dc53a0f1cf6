package io.laneway.deploy.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.laneway.infra.ChildProcess;
import io.laneway.infra.JdkLocator;

/**
 * A container started from its image's layers without a container engine: the layers unpacked into a root filesystem,
 * the manifest's volumes mounted into it in a mount namespace of its own ({@code unshare -m}), then {@code chroot} into
 * it as the manifest's user with exactly the container's environment, entrypoint and arguments. The network is the
 * host's loopback ({@link NetworkStandIn}). The images are built on an empty base here (no registry is reachable), so
 * this machine's {@code /usr} (with its JDK), {@code /dev}, {@code /proc}, {@code /sys} and name-service files stand in
 * for the JRE base image, read-only.
 */
final class Container implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<String> BASE_FILES = List.of("/etc/hosts", "/etc/resolv.conf", "/etc/nsswitch.conf", "/etc/passwd", "/etc/group");

    private final ContainerSpec spec;
    private final ChildProcess process;

    private Container(ContainerSpec spec, ChildProcess process) {
        this.spec = spec;
        this.process = process;
    }

    /** Unpacks the image into {@code runDir/<name>/root}, prepares the volumes and starts the entrypoint. */
    static Container start(ContainerSpec spec, OciImage image, Path runDir) {
        try {
            Path dir = runDir.resolve(spec.name()).toAbsolutePath();
            Path root = dir.resolve("root");
            image.unpackInto(root);
            List<String> script = new ArrayList<>(List.of("set -e", "R=" + quote(root.toString()), "mount --bind \"$R\" \"$R\""));
            baseImage(root, script);
            for (ContainerSpec.Mount mount : spec.mounts()) {
                Path source = volume(mount, root, dir.resolve("volumes").resolve(Integer.toString(spec.mounts().indexOf(mount))));
                script.add("mkdir -p \"$R\"" + quote(mount.path()));
                script.add("mount --bind " + quote(source.toString()) + " \"$R\"" + quote(mount.path()));
                if (mount.readOnly()) {
                    script.add("mount -o remount,bind,ro \"$R\"" + quote(mount.path()));
                }
            }
            if (spec.readOnlyRoot()) {
                script.add("mount -o remount,bind,ro \"$R\"");
            }
            script.add("exec chroot --userspec=" + (spec.user() != null ? spec.user() : image.user()) + " \"$R\" /usr/bin/env -i "
                    + String.join(" ", environment(spec, image).entrySet().stream().map(e -> quote(e.getKey() + "=" + e.getValue())).toList())
                    + " " + String.join(" ", argv(spec, image).stream().map(Container::quote).toList()));
            Path file = dir.resolve("start.sh");
            Files.writeString(file, String.join("\n", script) + "\n");
            ChildProcess process = ChildProcess.start(spec.name(), List.of("unshare", "--mount", "--propagation", "private", "/bin/sh",
                    file.toString()), dir, dir.resolve(spec.name() + ".log"));
            return new Container(spec, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the manifest's readiness probe answers 2xx; fails with the log's tail if the process exits first. */
    Container awaitReady(Duration timeout) {
        process.awaitReady(timeout, () -> {
            try {
                int status = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + spec.readiness().port() + spec.readiness().path()))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                return status >= 200 && status < 300;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        return this;
    }

    ContainerSpec spec() {
        return spec;
    }

    String logTail() {
        return process.tail();
    }

    @Override
    public void close() {
        process.close();
    }

    /** The image's environment, then the manifest's over it; PATH as the JRE base image would set it, if neither does. */
    static Map<String, String> environment(ContainerSpec spec, OciImage image) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", JdkLocator.javaExecutable(21).getParent() + ":/usr/local/bin:/usr/bin:/bin");
        for (String entry : image.environment()) {
            String[] pair = entry.split("=", 2);
            env.put(pair[0], pair[1]);
        }
        env.putAll(spec.env());
        return env;
    }

    static List<String> argv(ContainerSpec spec, OciImage image) {
        List<String> argv = new ArrayList<>(spec.command() != null ? spec.command() : image.entrypoint());
        if (spec.args() != null) {
            argv.addAll(spec.args());
        }
        return argv;
    }

    /** Binds what the empty base lacks, read-only: /usr (libraries, the JDK), /dev, /proc, /sys, name-service files, /tmp. */
    private static void baseImage(Path root, List<String> script) throws IOException {
        for (String dir : List.of("/usr", "/lib", "/lib64", "/bin", "/sbin")) {
            Path host = Path.of(dir);
            if (Files.isSymbolicLink(host)) {
                Files.createSymbolicLink(root.resolve(dir.substring(1)), Files.readSymbolicLink(host));
            } else if (Files.isDirectory(host)) {
                script.add("mkdir -p \"$R\"" + dir + " && mount --bind " + dir + " \"$R\"" + dir + " && mount -o remount,bind,ro \"$R\"" + dir);
            }
        }
        Path jdk = JdkLocator.javaExecutable(21).getParent().getParent().toRealPath();
        if (!jdk.startsWith("/usr")) {
            script.add("mkdir -p \"$R\"" + quote(jdk.toString()) + " && mount --bind " + quote(jdk.toString()) + " \"$R\"" + quote(jdk.toString()));
        }
        for (String dir : List.of("/dev", "/proc", "/sys")) {
            script.add("mkdir -p \"$R\"" + dir + " && mount --rbind " + dir + " \"$R\"" + dir);
        }
        Files.createDirectories(root.resolve("etc"));
        for (String file : BASE_FILES) {
            if (Files.exists(Path.of(file))) {
                Files.writeString(root.resolve(file.substring(1)), "");
                script.add("mount --bind " + file + " \"$R\"" + file + " && mount -o remount,bind,ro \"$R\"" + file);
            }
        }
        Path tmp = Files.createDirectories(root.resolve("tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    /** The directory a volume is backed by, made as its kind starts out. */
    private static Path volume(ContainerSpec.Mount mount, Path root, Path dir) throws IOException {
        switch (mount.kind()) {
            case HOST_PATH -> {
                return mount.host();
            }
            case FILES -> {
                Files.createDirectories(dir);
                for (Map.Entry<String, String> file : mount.files().entrySet()) {
                    Files.writeString(Files.createDirectories(dir.resolve(file.getKey()).getParent()).resolve(dir.resolve(file.getKey()).getFileName()),
                            file.getValue());
                }
                return dir;
            }
            case EMPTY_DIR -> {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
                return dir;
            }
            default -> {
                // Docker fills a new named volume from the image's directory at its path: its mode and owner come along
                Path inImage = root.resolve(mount.path().substring(1));
                Files.createDirectories(dir);
                if (Files.isDirectory(inImage)) {
                    Files.setPosixFilePermissions(dir, Files.getPosixFilePermissions(inImage));
                    Files.setOwner(dir, Files.getOwner(inImage));
                }
                return dir;
            }
        }
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
