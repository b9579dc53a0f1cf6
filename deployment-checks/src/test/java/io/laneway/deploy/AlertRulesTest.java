package io.laneway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The alert rules through Prometheus' own promtool: syntax and semantics, then the unit tests of every alert. */
class AlertRulesTest {

    private static final Path ALERTS = Repository.chart().resolve("alerts");

    @Test
    void theRulesPassPromtoolCheck() {
        Tools.Result check = Tools.run(ALERTS, null, List.of("promtool", "check", "rules", "laneway-rules.yml"));
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 11 rules found");
    }

    /** Every alert carries the namespace it fired in and a runbook link to a section of RUNBOOK.md that exists. */
    @Test
    @SuppressWarnings("unchecked")
    void everyAlertKeepsItsNamespaceAndLinksARunbookSectionThatExists() throws Exception {
        java.util.Map<String, Object> rules = new org.yaml.snakeyaml.Yaml().load(Files.readString(ALERTS.resolve("laneway-rules.yml")));
        String runbook = Files.readString(Repository.root().resolve("RUNBOOK.md"));
        List<java.util.Map<String, Object>> alerts = ((List<java.util.Map<String, Object>>) rules.get("groups")).stream()
                .flatMap(g -> ((List<java.util.Map<String, Object>>) g.get("rules")).stream()).toList();
        assertThat(alerts).hasSize(11);
        for (var alert : alerts) {
            String name = alert.get("alert").toString();
            String url = ((java.util.Map<String, Object>) alert.get("annotations")).get("runbook_url").toString();
            assertThat(url).as(name).isEqualTo("https://github.com/laneway/laneway/blob/main/RUNBOOK.md#" + name.toLowerCase());
            assertThat(runbook).as("RUNBOOK.md has a section for " + name).contains("\n## " + name + "\n");
            String expr = alert.get("expr").toString();
            if (expr.contains(" by (")) {
                assertThat(expr).as(name + " keeps the namespace in every aggregation")
                        .doesNotContainPattern("by \\((?![^)]*namespace)[^)]*\\)");
            }
        }
    }

    @Test
    void everyAlertFiresWhenItShouldAndOnlyThen() {
        Tools.Result test = Tools.run(ALERTS, null, List.of("promtool", "test", "rules", "laneway-rules-test.yml"));
        assertThat(test.exitCode()).as(test.output()).isZero();
    }

    @Test
    void aBrokenRuleIsCaught() throws Exception {
        Path broken = Files.createTempFile(Path.of("target"), "broken-rules", ".yml");
        Files.writeString(broken, """
                groups:
                  - name: broken
                    rules:
                      - alert: Broken
                        expr: sum by (lane (rate(laneway_pool_envelopes_total[5m]))
                """);
        Tools.Result check = Tools.run(Path.of("."), null, List.of("promtool", "check", "rules", broken.toString()));
        assertThat(check.exitCode()).isNotZero();
    }
}
