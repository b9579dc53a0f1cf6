package io.laneway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every dashboard type-checked against Grafana's own dashboard types ({@code @grafana/schema}) by the TypeScript
 * compiler: an unknown field, a wrong type or a missing required field fails the build.
 */
class DashboardsTest {

    static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(Repository.chart().resolve("dashboards"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void theFiveDashboardsExist() throws IOException {
        assertThat(dashboards()).extracting(p -> p.getFileName().toString()).containsExactly("laneway-dead-letters.json",
                "laneway-lanes.json", "laneway-overview.json", "laneway-pools.json", "laneway-saga.json");
    }

    @Test
    void everyDashboardTypeChecksAgainstGrafanasSchema() throws IOException {
        Tools.Result check = typeCheck(dashboards());
        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    /**
     * Two releases in one Prometheus, or one release's lanes, are told apart: every dashboard offers namespace, job and
     * lane variables, and every metric selector of every panel uses the namespace and job ones.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyPanelFiltersByTheDashboardsNamespaceAndJob() throws IOException {
        var json = new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
        var selector = java.util.regex.Pattern.compile("\\b((?:laneway|resilience4j|http_server)_[a-z0-9_]+)(\\{[^}]*\\})?(?!\\s*\\()");
        List<String> unfiltered = new ArrayList<>();
        for (Path dashboard : dashboards()) {
            java.util.Map<String, Object> d = json.unmarshal(Files.readString(dashboard), java.util.Map.class);
            List<Object> variables = (List<Object>) ((java.util.Map<String, Object>) d.get("templating")).get("list");
            assertThat(variables.stream().map(v -> ((java.util.Map<String, Object>) v).get("name")).toList())
                    .as(dashboard.getFileName().toString()).contains("datasource", "namespace", "job", "lane");
            for (Object p : (List<Object>) d.get("panels")) {
                for (Object t : (List<Object>) ((java.util.Map<String, Object>) p).get("targets")) {
                    String expr = ((java.util.Map<String, Object>) t).get("expr").toString();
                    var m = selector.matcher(expr);
                    while (m.find()) {
                        if (m.group(2) == null || !m.group(2).contains("namespace=~\"$namespace\"") || !m.group(2).contains("job=~\"$job\"")) {
                            unfiltered.add(dashboard.getFileName() + ": " + m.group(1) + " in " + expr);
                        }
                    }
                }
            }
        }
        assertThat(unfiltered).isEmpty();
    }

    /** What an on-call engineer reads at 3 a.m.: every panel says what it shows, in which unit, and where it turns bad. */
    @Test
    @SuppressWarnings("unchecked")
    void everyPanelHasADescriptionAUnitAndThresholds() throws IOException {
        var json = new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
        List<String> incomplete = new ArrayList<>();
        for (Path dashboard : dashboards()) {
            java.util.Map<String, Object> d = json.unmarshal(Files.readString(dashboard), java.util.Map.class);
            for (Object p : (List<Object>) d.get("panels")) {
                var panel = (java.util.Map<String, Object>) p;
                var defaults = (java.util.Map<String, Object>) ((java.util.Map<String, Object>) panel.get("fieldConfig")).get("defaults");
                String where = dashboard.getFileName() + ": " + panel.get("title");
                if (panel.get("description") == null || panel.get("description").toString().isBlank()) {
                    incomplete.add(where + " has no description");
                }
                if (defaults.get("unit") == null) {
                    incomplete.add(where + " has no unit");
                }
                if (!(defaults.get("thresholds") instanceof java.util.Map<?, ?> thresholds) || thresholds.get("steps") == null) {
                    incomplete.add(where + " has no thresholds");
                }
            }
        }
        assertThat(incomplete).isEmpty();
    }

    @Test
    void aMisspeltDashboardFieldFailsTheTypeCheck() throws IOException {
        Path broken = Path.of("target", "broken-dashboard.json").toAbsolutePath();
        Files.writeString(broken, Files.readString(dashboards().getFirst()).replaceFirst("\"refresh\"", "\"refreshh\""));
        Tools.Result check = typeCheck(List.of(broken));
        assertThat(check.exitCode()).isNotZero();
        assertThat(check.output()).contains("refreshh");
    }

    /** Writes one {@code const d: Dashboard = <json>;} module per dashboard and runs tsc over them. */
    private static Tools.Result typeCheck(List<Path> files) throws IOException {
        Path tools = Tools.nodeTools();
        Path work = tools.resolve("target-dashboards");
        if (Files.exists(work)) {
            try (Stream<Path> old = Files.list(work)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(work);
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString().replace(".json", "").replaceAll("[^A-Za-z0-9]", "_");
            // Grafana's JSON spells enum values as strings; TypeScript's enums are nominal, so each is written as its member
            String body = Files.readString(file).replaceAll("\"mode\":\\s*\"absolute\"", "\"mode\": ThresholdsMode.Absolute")
                    .replaceAll("\"mode\":\\s*\"percentage\"", "\"mode\": ThresholdsMode.Percentage");
            Files.writeString(work.resolve(name + ".ts"), "import type { Dashboard } from '@grafana/schema';\n"
                    + "import { ThresholdsMode } from '@grafana/schema';\nexport const " + name + ": Dashboard = " + body + ";\n");
            names.add(name);
        }
        Files.writeString(work.resolve("tsconfig.json"), """
                {"compilerOptions": {"strict": true, "noEmit": true, "module": "nodenext", "moduleResolution": "nodenext",
                 "target": "es2022", "skipLibCheck": true, "typeRoots": ["../node_modules/@types"]}, "include": ["*.ts"]}
                """);
        return Tools.run(work, null, List.of(tools.resolve("node_modules/.bin/tsc").toString(), "-p", "tsconfig.json"));
    }
}
