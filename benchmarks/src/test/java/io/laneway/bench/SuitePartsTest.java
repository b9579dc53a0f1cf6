package io.laneway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The suite's pure parts: quantiles from a Prometheus histogram, and which process is which service. */
class SuitePartsTest {

    // 100 observations: 50 at or below 0.01 s, 40 more at or below 0.1 s, 10 more at or below 1 s
    private static final String SCRAPE = """
            laneway_pool_end_to_end_seconds_bucket{lane="fast",service="pool",le="0.01"} 50
            laneway_pool_end_to_end_seconds_bucket{lane="fast",service="pool",le="0.1"} 90
            laneway_pool_end_to_end_seconds_bucket{lane="fast",service="pool",le="1.0"} 100
            laneway_pool_end_to_end_seconds_bucket{lane="fast",service="pool",le="+Inf"} 100
            laneway_pool_end_to_end_seconds_bucket{lane="heavy",service="pool",le="0.01"} 0
            laneway_pool_end_to_end_seconds_bucket{lane="heavy",service="pool",le="+Inf"} 0
            laneway_pool_end_to_end_seconds_count{lane="fast",service="pool"} 100
            """;

    @ParameterizedTest(name = "q={0} -> {1}")
    @CsvSource({
            "0.25, 0.005",  // halfway into the first bucket (0..0.01)
            "0.5, 0.01",    // exactly its upper bound
            "0.7, 0.055",   // halfway into the second bucket (0.01..0.1)
            "0.99, 0.91",   // 9/10 into the third (0.1..1.0)
    })
    void quantilesInterpolateInsideTheBucketLikeHistogramQuantile(double q, double expected) {
        assertThat(Figures.histogramQuantile(SCRAPE, "laneway_pool_end_to_end_seconds", "lane=\"fast\"", q)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void anEmptyOrMissingHistogramHasNoQuantile() {
        assertThat(Figures.histogramQuantile(SCRAPE, "laneway_pool_end_to_end_seconds", "lane=\"heavy\"", 0.5)).isNaN();
        assertThat(Figures.histogramQuantile(SCRAPE, "laneway_pool_end_to_end_seconds", "lane=\"long-running\"", 0.5)).isNaN();
    }

    @Test
    void betweenTwoScrapesOnlyTheNewObservationsCount() {
        // before: the 50 fast ones; after: 50 more, all between 0.1 and 1 s
        String before = """
                laneway_pool_end_to_end_seconds_bucket{lane="fast",le="0.01"} 50
                laneway_pool_end_to_end_seconds_bucket{lane="fast",le="0.1"} 50
                laneway_pool_end_to_end_seconds_bucket{lane="fast",le="1.0"} 50
                laneway_pool_end_to_end_seconds_bucket{lane="fast",le="+Inf"} 50
                """;
        String after = before.replace("le=\"1.0\"} 50", "le=\"1.0\"} 100").replace("le=\"+Inf\"} 50", "le=\"+Inf\"} 100");

        assertThat(Figures.histogramQuantile(after, "laneway_pool_end_to_end_seconds", "lane=\"fast\"", 0.5)).isCloseTo(0.01, within(1e-9));
        assertThat(Figures.histogramQuantileBetween(before, after, "laneway_pool_end_to_end_seconds", "lane=\"fast\"", 0.5))
                .isCloseTo(0.55, within(1e-9));
        assertThat(Figures.histogramQuantileBetween(after, after, "laneway_pool_end_to_end_seconds", "lane=\"fast\"", 0.5)).isNaN();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "/usr/lib/jvm/java-21/bin/java -Xmx512m -jar /r/router-service/target/router-service.jar --server.port=1, router-service",
            "java -jar consumer-pool-service/target/consumer-pool-service.jar, consumer-pool-service",
            "java -Xmx1g -cp a:b kafka.Kafka /tmp/kafka/server.properties, kafka broker",
            "java -jar /tmp/apicurio-registry-app-runner.jar, schema registry (Apicurio)",
            "java -cp x io.laneway.bench.PoolBenchmark, none",
    })
    void processesAreNamedByTheServiceTheyRun(String commandLine, String service) {
        assertThat(SuiteBenchmark.serviceOf(commandLine)).isEqualTo(service);
    }
}
