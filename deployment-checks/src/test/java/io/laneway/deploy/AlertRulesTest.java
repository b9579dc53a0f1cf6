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
        assertThat(check.output()).contains("SUCCESS: 6 rules found");
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
