package io.laneway.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The chart rendered by Helm itself (helm-java) and parsed into typed Kubernetes objects, for the chart's tests. */
public final class ChartRendering {

    public static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private ChartRendering() {
    }

    public static TemplateCommand template() {
        return new Helm(Repository.chart()).template().withName("laneway").withKubeVersion("1.31.0");
    }

    /** Hook annotations as renamed by {@link #templateWithHooks()}. */
    static final String HOOK = "laneway.test/hook";

    /**
     * The chart rendered with its hooks (the topics Job, the test pod). helm-java's template returns the release's
     * manifest without them (the Helm CLI prints them after it), so this renders a copy of the chart whose hook
     * annotations are renamed to {@link #HOOK}: the objects appear, and their hook annotations are still checked.
     */
    public static TemplateCommand templateWithHooks() {
        try {
            Path copy = Files.createTempDirectory("laneway-chart");
            try (var files = Files.walk(Repository.chart())) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(Repository.chart().relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        String text = Files.readString(file);
                        Files.writeString(target, file.toString().endsWith(".yaml") ? text.replace("\"helm.sh/hook\"", "\"" + HOOK + "\"") : text);
                    }
                }
            }
            return new Helm(copy).template().withName("laneway").withKubeVersion("1.31.0");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<HasMetadata> render(String valuesFile) {
        TemplateCommand template = templateWithHooks();
        if (!valuesFile.startsWith("(")) {
            template = template.withValuesFile(Repository.chart().resolve(valuesFile));
        }
        return parse(template.call());
    }

    public static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines().anyMatch(l -> l.startsWith("kind:"))) {
                objects.add(KUBERNETES.unmarshal(document));
            }
        }
        return objects;
    }
}
