package io.laneway.deploy.boot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * What the kubelet would start for each Deployment of a rendered chart: the first container of one pod, its environment
 * with ConfigMap, Secret and field references resolved as Kubernetes resolves them ({@code $(VAR)} included), its
 * volumes, user and readiness probe. A reference the objects cannot satisfy fails as the pod would
 * ({@code CreateContainerConfigError}), naming it. The pod's IP is the loopback address (see {@link NetworkStandIn}).
 */
final class ChartContainers {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");

    private ChartContainers() {
    }

    /**
     * @param objects   the rendered chart plus the objects an operator creates beside it (Secrets it names)
     * @param namespace the namespace the release is installed in
     */
    static List<ContainerSpec> from(List<HasMetadata> objects, String namespace, NetworkStandIn network) {
        List<ContainerSpec> containers = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (object instanceof Deployment deployment) {
                containers.add(container(deployment, objects, namespace, network));
            }
        }
        return containers;
    }

    static ContainerSpec container(Deployment deployment, List<HasMetadata> objects, String namespace, NetworkStandIn network) {
        String pod = deployment.getMetadata().getName() + "-boot-0";
        PodSpec spec = deployment.getSpec().getTemplate().getSpec();
        Container container = spec.getContainers().getFirst();
        Map<String, String> env = environment(container, pod, namespace, objects);
        env.replaceAll((name, value) -> network.rewrite(value));
        String image = container.getImage();
        String repository = image.substring(0, image.lastIndexOf(':'));
        return new ContainerSpec(pod, repository.substring(repository.lastIndexOf('/') + 1), image.substring(image.lastIndexOf(':') + 1),
                container.getCommand() == null || container.getCommand().isEmpty() ? null : container.getCommand(),
                container.getArgs() == null || container.getArgs().isEmpty() ? null : container.getArgs(),
                env, mounts(container, spec, objects, pod), user(spec.getSecurityContext(), container.getSecurityContext()),
                container.getSecurityContext() != null && Boolean.TRUE.equals(container.getSecurityContext().getReadOnlyRootFilesystem()),
                new ContainerSpec.Probe(container.getReadinessProbe().getHttpGet().getPath(), port(container)));
    }

    static Map<String, String> environment(Container container, String pod, String namespace, List<HasMetadata> objects) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            Map<String, String> data = from.getConfigMapRef() != null
                    ? configMap(objects, from.getConfigMapRef().getName(), from.getConfigMapRef().getOptional(), pod)
                    : secret(objects, from.getSecretRef().getName(), from.getSecretRef().getOptional(), pod);
            data.forEach((key, value) -> env.put(prefix + key, value));
        }
        for (EnvVar variable : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            String value = variable.getValueFrom() == null ? expand(variable.getValue() == null ? "" : variable.getValue(), env)
                    : valueFrom(variable, pod, namespace, objects);
            if (value != null) {
                env.put(variable.getName(), value);
            }
        }
        return env;
    }

    /** Kubernetes' dependent variables: {@code $(NAME)} of a variable defined before it, {@code $$} for a literal dollar. */
    static String expand(String value, Map<String, String> defined) {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement = matcher.group(1) == null ? "$" : defined.getOrDefault(matcher.group(1), matcher.group());
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(result).toString();
    }

    private static String valueFrom(EnvVar variable, String pod, String namespace, List<HasMetadata> objects) {
        var source = variable.getValueFrom();
        if (source.getConfigMapKeyRef() != null) {
            var ref = source.getConfigMapKeyRef();
            return key(configMap(objects, ref.getName(), ref.getOptional(), pod), ref.getKey(), ref.getOptional(), "ConfigMap " + ref.getName(), pod);
        }
        if (source.getSecretKeyRef() != null) {
            var ref = source.getSecretKeyRef();
            return key(secret(objects, ref.getName(), ref.getOptional(), pod), ref.getKey(), ref.getOptional(), "Secret " + ref.getName(), pod);
        }
        if (source.getFieldRef() != null) {
            return switch (source.getFieldRef().getFieldPath()) {
                case "metadata.name" -> pod;
                case "metadata.namespace" -> namespace;
                case "status.podIP", "status.hostIP" -> "127.0.0.1";
                case "spec.nodeName" -> "localhost";
                default -> throw new IllegalArgumentException(pod + ": field " + source.getFieldRef().getFieldPath() + " is not stood in for");
            };
        }
        throw new IllegalArgumentException(pod + ": " + variable.getName() + " has a source this check does not resolve: " + source);
    }

    private static String key(Map<String, String> data, String key, Boolean optional, String what, String pod) {
        if (!data.containsKey(key) && !Boolean.TRUE.equals(optional)) {
            throw new IllegalStateException(pod + ": CreateContainerConfigError: couldn't find key " + key + " in " + what);
        }
        return data.get(key);
    }

    private static Map<String, String> configMap(List<HasMetadata> objects, String name, Boolean optional, String pod) {
        for (HasMetadata object : objects) {
            if (object instanceof ConfigMap map && map.getMetadata().getName().equals(name)) {
                return new LinkedHashMap<>(map.getData() == null ? Map.of() : map.getData());
            }
        }
        return missing("configmap", name, optional, pod);
    }

    static Map<String, String> secret(List<HasMetadata> objects, String name, Boolean optional, String pod) {
        for (HasMetadata object : objects) {
            if (object instanceof Secret secret && secret.getMetadata().getName().equals(name)) {
                Map<String, String> data = new LinkedHashMap<>();
                if (secret.getData() != null) {
                    secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
                }
                if (secret.getStringData() != null) {
                    data.putAll(secret.getStringData());
                }
                return data;
            }
        }
        return missing("secret", name, optional, pod);
    }

    private static Map<String, String> missing(String kind, String name, Boolean optional, String pod) {
        if (Boolean.TRUE.equals(optional)) {
            return new LinkedHashMap<>();
        }
        throw new IllegalStateException(pod + ": CreateContainerConfigError: " + kind + " \"" + name + "\" not found");
    }

    private static List<ContainerSpec.Mount> mounts(Container container, PodSpec spec, List<HasMetadata> objects, String pod) {
        List<ContainerSpec.Mount> mounts = new ArrayList<>();
        for (VolumeMount mount : container.getVolumeMounts() == null ? List.<VolumeMount>of() : container.getVolumeMounts()) {
            if (mount.getSubPath() != null) {
                throw new IllegalArgumentException(pod + ": subPath mounts are not stood in for: " + mount);
            }
            Volume volume = spec.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElseThrow(() -> new IllegalStateException(pod + ": volume " + mount.getName() + " is mounted but not declared"));
            boolean readOnly = Boolean.TRUE.equals(mount.getReadOnly());
            if (volume.getEmptyDir() != null) {
                mounts.add(ContainerSpec.Mount.emptyDir(mount.getMountPath()));
            } else if (volume.getSecret() != null) {
                mounts.add(ContainerSpec.Mount.files(mount.getMountPath(), project(secret(objects, volume.getSecret().getSecretName(),
                        volume.getSecret().getOptional(), pod), volume.getSecret().getItems()), readOnly));
            } else if (volume.getConfigMap() != null) {
                mounts.add(ContainerSpec.Mount.files(mount.getMountPath(), project(configMap(objects, volume.getConfigMap().getName(),
                        volume.getConfigMap().getOptional(), pod), volume.getConfigMap().getItems()), readOnly));
            } else {
                throw new IllegalArgumentException(pod + ": volume " + volume.getName() + " has a kind this check does not stand in for");
            }
        }
        return mounts;
    }

    /** A Secret's or ConfigMap's keys as files: every key, or only the listed items at their paths. */
    private static Map<String, String> project(Map<String, String> data, List<KeyToPath> items) {
        if (items == null || items.isEmpty()) {
            return data;
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (KeyToPath item : items) {
            files.put(item.getPath(), data.get(item.getKey()));
        }
        return files;
    }

    private static String user(PodSecurityContext pod, SecurityContext container) {
        Long uid = container != null && container.getRunAsUser() != null ? container.getRunAsUser() : pod == null ? null : pod.getRunAsUser();
        Long gid = container != null && container.getRunAsGroup() != null ? container.getRunAsGroup() : pod == null ? null : pod.getRunAsGroup();
        return uid == null ? null : uid + ":" + (gid == null ? 0 : gid);
    }

    private static int port(Container container) {
        var port = container.getReadinessProbe().getHttpGet().getPort();
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElseThrow(() -> new IllegalStateException(container.getName() + ": no port named " + port.getStrVal()));
    }
}
