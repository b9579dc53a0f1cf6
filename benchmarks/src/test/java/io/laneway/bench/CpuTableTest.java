package io.laneway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one shape every benchmark prints its CPU in: a row per phase, a column per process, and the sum. */
class CpuTableTest {

    @Test
    void aProcessMissingFromAPhaseLeavesItsCellEmptyAndEachRowSumsItsOwn() {
        CpuTable.Phase baseline = new CpuTable.Phase("plain consumer", "event", Map.of("broker", 3.0));
        CpuTable.Phase measured = new CpuTable.Phase("projection", "event", ordered("projection", 46.0, "broker", 15.0));

        assertThat(CpuTable.render(List.of(baseline, measured))).isEqualTo("""
                | phase | µs of CPU per | broker | projection | all |
                |---|---|---|---|---|
                | plain consumer | event | 3.0 |  | **3.0** |
                | projection | event | 15 | 46 | **61** |
                """);
    }

    @Test
    void aProcessCountedAnotherWayJoinsThePhase() {
        CpuTable.Phase phase = new CpuTable.Phase("max", "envelope", ordered("router-service", 200.0, "broker", 40.0))
                .with("load generator", 30.0);

        assertThat(phase.micros()).containsKeys("router-service", "broker", "load generator");
        assertThat(phase.total()).isEqualTo(270.0);
    }

    @ParameterizedTest(name = "{0} µs -> {1}")
    @CsvSource(delimiter = ';', value = {"4.44; 4.4", "9.96; 10.0", "10.4; 10", "1234.4; 1,234"})
    void tenthsOnlyBelowTen(double micros, String shown) {
        assertThat(CpuTable.micros(micros)).isEqualTo(shown);
    }

    @Test
    void aPhaseWithoutWorkCountsAsOneUnitInsteadOfDividingByZero() {
        CpuTimes spent = new CpuTimes(Map.of("pool", 5_000L));

        assertThat(spent.microsPer(0)).containsEntry("pool", 5.0);
        assertThat(spent.microsPer(5)).containsEntry("pool", 1.0);
    }

    private static Map<String, Double> ordered(String first, double a, String second, double b) {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put(first, a);
        map.put(second, b);
        return map;
    }
}
