package io.laneway.deploy.boot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code docker compose up} would start for each Laneway service of a compose file: its image (variables
 * interpolated as Compose does), environment (YAML merge keys included), command, volumes, user and the URL its
 * health check asks. Other services (Kafka, PostgreSQL, the registry, Prometheus) are stood in for by the local parts.
 */
final class ComposeContainers {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");
    private static final Pattern HEALTH_URL = Pattern.compile("http://(?:localhost|127\\.0\\.0\\.1):(\\d+)(/\\S*)");

    private ComposeContainers() {
    }

    /**
     * @param compose   the parsed file
     * @param project   the file's directory (relative bind mounts start there)
     * @param variables the environment Compose interpolates from (empty: every {@code ${VAR:-default}} takes its default)
     */
    @SuppressWarnings("unchecked")
    static List<ContainerSpec> from(Map<String, Object> compose, Path project, Map<String, String> variables, NetworkStandIn network) {
        List<ContainerSpec> containers = new ArrayList<>();
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        services.forEach((name, definition) -> {
            Map<String, Object> service = (Map<String, Object>) definition;
            String image = interpolate(String.valueOf(service.get("image")), variables);
            if (image.startsWith("laneway/")) {
                containers.add(container(name, image, service, project, variables, network));
            }
        });
        return containers;
    }

    @SuppressWarnings("unchecked")
    private static ContainerSpec container(String name, String image, Map<String, Object> service, Path project, Map<String, String> variables,
                                           NetworkStandIn network) {
        Map<String, String> env = new LinkedHashMap<>();
        Object environment = service.getOrDefault("environment", Map.of());
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : interpolate(String.valueOf(v), variables)));
        } else {
            for (Object entry : (List<?>) environment) {
                String[] pair = interpolate(String.valueOf(entry), variables).split("=", 2);
                env.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
        }
        env.replaceAll((key, value) -> network.rewrite(value));
        String repository = image.substring(0, image.lastIndexOf(':'));
        return new ContainerSpec(name, repository.substring(repository.indexOf('/') + 1), image.substring(image.lastIndexOf(':') + 1),
                words(service.get("entrypoint")), words(service.get("command")), env,
                mounts((List<Object>) service.getOrDefault("volumes", List.of()), project),
                service.get("user") == null ? null : String.valueOf(service.get("user")),
                Boolean.TRUE.equals(service.get("read_only")), probe(name, (Map<String, Object>) service.get("healthcheck")));
    }

    /** Compose's interpolation: {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}} (both read as
     * {@code :-} here); {@code $$} is a dollar. */
    static String interpolate(String value, Map<String, String> variables) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String set = variables.get(matcher.group(1));
            String replacement = (set == null || set.isEmpty()) && matcher.group(2) != null ? matcher.group(2) : set == null ? "" : set;
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(result).toString().replace("$$", "$");
    }

    private static List<String> words(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value).trim().split("\\s+"));
    }

    @SuppressWarnings("unchecked")
    private static List<ContainerSpec.Mount> mounts(List<Object> volumes, Path project) {
        List<ContainerSpec.Mount> mounts = new ArrayList<>();
        for (Object volume : volumes) {
            String source;
            String target;
            boolean readOnly;
            if (volume instanceof Map<?, ?> longSyntax) {
                source = String.valueOf(((Map<String, Object>) longSyntax).get("source"));
                target = String.valueOf(((Map<String, Object>) longSyntax).get("target"));
                readOnly = Boolean.TRUE.equals(((Map<String, Object>) longSyntax).get("read_only"));
            } else {
                String[] parts = String.valueOf(volume).split(":");
                source = parts[0];
                target = parts[1];
                readOnly = parts.length > 2 && parts[2].contains("ro");
            }
            mounts.add(source.startsWith(".") || source.startsWith("/")
                    ? ContainerSpec.Mount.host(target, project.resolve(source).normalize(), readOnly)
                    : ContainerSpec.Mount.namedVolume(target));
        }
        return mounts;
    }

    /** The URL a {@code curl http://localhost:PORT/path} health check asks, inside the container. */
    private static ContainerSpec.Probe probe(String name, Map<String, Object> healthcheck) {
        if (healthcheck == null) {
            throw new IllegalStateException(name + " has no health check: nothing says when it is ready");
        }
        Matcher url = HEALTH_URL.matcher(String.join(" ", words(healthcheck.get("test"))));
        if (!url.find()) {
            throw new IllegalStateException(name + ": its health check asks no http://localhost URL: " + healthcheck.get("test"));
        }
        return new ContainerSpec.Probe(url.group(2), Integer.parseInt(url.group(1)));
    }
}
