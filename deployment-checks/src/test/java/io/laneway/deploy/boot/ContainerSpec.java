package io.laneway.deploy.boot;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One container as a manifest describes it, references resolved: what {@link Container} starts. Built by
 * {@link ChartContainers} from a rendered Deployment and by {@link ComposeContainers} from a compose service.
 *
 * @param name       the pod's or compose service's name (the log file's)
 * @param service    which Laneway image: {@code router-service}, ...
 * @param tag        the image tag the manifest pulls
 * @param command    replaces the image's entrypoint when not null
 * @param args       replaces the image's command (Jib's images have none) when not null
 * @param env        the container's own environment, in order, over the image's
 * @param mounts     volumes mounted into the root filesystem
 * @param user       {@code uid:gid} the process runs as, or null for the image's
 * @param readOnlyRoot the root filesystem is mounted read-only (only the mounts are writable)
 * @param readiness  where the manifest's readiness probe asks
 */
record ContainerSpec(String name, String service, String tag, List<String> command, List<String> args, Map<String, String> env,
                     List<Mount> mounts, String user, boolean readOnlyRoot, Probe readiness) {

    /** An HTTP GET that answers 2xx when the container is ready. */
    record Probe(String path, int port) {
    }

    /**
     * A volume at {@code path}.
     *
     * @param kind  what backs it
     * @param files for {@link Kind#FILES}, file name to content
     * @param host  for {@link Kind#HOST_PATH}, the file or directory bound
     */
    record Mount(String path, Kind kind, Map<String, String> files, Path host, boolean readOnly) {

        enum Kind {
            /** Kubernetes' emptyDir: an empty directory everyone may write (mode 0777). */
            EMPTY_DIR,
            /** Docker's named volume: a new volume starts as a copy of the image's directory there (its mode and owner). */
            NAMED_VOLUME,
            /** A Secret or ConfigMap projected as files. */
            FILES,
            /** A file or directory of the host bound in (compose's {@code ./file:/path}). */
            HOST_PATH
        }

        static Mount emptyDir(String path) {
            return new Mount(path, Kind.EMPTY_DIR, Map.of(), null, false);
        }

        static Mount namedVolume(String path) {
            return new Mount(path, Kind.NAMED_VOLUME, Map.of(), null, false);
        }

        static Mount files(String path, Map<String, String> files, boolean readOnly) {
            return new Mount(path, Kind.FILES, files, null, readOnly);
        }

        static Mount host(String path, Path host, boolean readOnly) {
            return new Mount(path, Kind.HOST_PATH, Map.of(), host, readOnly);
        }
    }
}
