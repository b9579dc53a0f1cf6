package io.laneway.deploy.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.laneway.deploy.Repository;
import io.laneway.deploy.Tools;

/**
 * An image Jib built without a Docker daemon ({@code <service>/target/jib-image.tar}, OCI layout): its configuration
 * (user, entrypoint, environment) and its layers, in order.
 */
record OciImage(String service, Map<String, Object> config, List<Path> layers) {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    /** The image the build made for a service (the package phase runs jib:buildTar). */
    @SuppressWarnings("unchecked")
    static OciImage of(String service) {
        Path tar = Repository.root().resolve(service).resolve("target/jib-image.tar");
        if (!Files.isRegularFile(tar)) {
            throw new IllegalStateException(tar + " is missing: the package phase builds it (jib:buildTar)");
        }
        try {
            Path dir = Path.of("target", "images", service).toAbsolutePath();
            Files.createDirectories(dir);
            run(dir, "tar", "xf", tar.toString());
            Map<String, Object> index = JSON.unmarshal(Files.readString(dir.resolve("index.json")), Map.class);
            String manifestDigest = ((Map<String, Object>) ((List<?>) index.get("manifests")).getFirst()).get("digest").toString();
            Map<String, Object> manifest = JSON.unmarshal(Files.readString(blob(dir, manifestDigest)), Map.class);
            Map<String, Object> config = JSON.unmarshal(Files.readString(blob(dir,
                    ((Map<String, Object>) manifest.get("config")).get("digest").toString())), Map.class);
            List<Path> layers = ((List<Map<String, Object>>) manifest.get("layers")).stream()
                    .map(l -> blob(dir, l.get("digest").toString())).toList();
            return new OciImage(service, config, layers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> runtime() {
        return (Map<String, Object>) config.get("config");
    }

    @SuppressWarnings("unchecked")
    List<String> entrypoint() {
        return (List<String>) runtime().get("Entrypoint");
    }

    /** The image's user, {@code uid:gid}. */
    String user() {
        return String.valueOf(runtime().get("User"));
    }

    /** The image's environment ({@code NAME=value} entries), in order. */
    @SuppressWarnings("unchecked")
    List<String> environment() {
        return (List<String>) runtime().getOrDefault("Env", List.of());
    }

    /** Unpacks the layers in order into an empty directory: the container's root filesystem. */
    void unpackInto(Path root) {
        try {
            if (Files.exists(root)) {
                run(root.getParent(), "rm", "-rf", root.toString());
            }
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path layer : layers) {
            run(root, "tar", "xzf", layer.toString());
        }
    }

    private static void run(Path dir, String... command) {
        Tools.Result result = Tools.run(dir, null, List.of(command));
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + result.output());
        }
    }

    private static Path blob(Path dir, String digest) {
        return dir.resolve("blobs").resolve(digest.replace(':', '/'));
    }
}
