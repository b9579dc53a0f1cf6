package io.laneway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The chart's README lists every value with its default and description, as values.yaml says them today. */
class ChartReadmeTest {

    private static final Path README = Repository.chart().resolve("README.md");

    @Test
    void theChartReadmeIsGeneratedFromTheValuesAsTheyAreNow() throws Exception {
        String generated = ChartReadme.generate(Files.readString(Repository.chart().resolve("values.yaml")));
        if (Boolean.getBoolean("laneway.chart.readme.write")) {
            Files.writeString(README, generated);
        }
        assertThat(README).as("helm/laneway/README.md is stale: regenerate it (see its header)").exists();
        assertThat(Files.readString(README)).isEqualTo(generated);
        assertThat(generated).contains("| `postgres.routerUrl` |").contains("| `ingress.router` |").contains("| `image.tag` |");
    }
}
