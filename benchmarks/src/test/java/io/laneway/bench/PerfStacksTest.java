package io.laneway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PerfStacksTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ffffffff8224215b pv_native_safe_halt+0xb ([kernel.kallsyms])   | pv_native_safe_halt_[k]
            55d1c2a3b4c5 XLogInsertRecord+0x1a2 (/usr/lib/postgresql/17/bin/postgres) | XLogInsertRecord
            7f00aa [unknown] (/usr/lib/x86_64-linux-gnu/libc.so.6)       | [unknown]
            55d1c2 hash_search_with_hash_value (/usr/bin/postgres)          | hash_search_with_hash_value
            """)
    void aFrameIsItsFunctionWithoutOffsetOrModule(String line, String function) {
        assertThat(PerfStacks.frame("\t" + line.strip())).isEqualTo(function);
    }

    @Test
    void samplesCollapseRootFirstAndTheTableCountsEachFunctionOncePerSample() {
        Map<String, Long> stacks = new TreeMap<>();
        PerfStacks.add(stacks, "postgres", new ArrayList<>(List.of("XLogFlush", "CommitTransaction", "main")));
        PerfStacks.add(stacks, "postgres", new ArrayList<>(List.of("XLogFlush", "CommitTransaction", "main")));
        PerfStacks.add(stacks, "postgres", new ArrayList<>(List.of("ExecInsert", "ExecutorRun", "main")));
        PerfStacks.add(stacks, "postgres", new ArrayList<>(List.of("recurse", "recurse", "ExecutorRun", "main")));

        assertThat(stacks).containsEntry("postgres;main;CommitTransaction;XLogFlush", 2L);
        String table = PerfStacks.table(stacks, 10);
        assertThat(table).contains("| `CommitTransaction` | 50.0% | 0.0% |", "| `XLogFlush` | 50.0% | 50.0% |",
                "| `ExecutorRun` | 50.0% | 0.0% |", "| `recurse` | 25.0% | 25.0% |");
        assertThat(table).as("every sample passes through main: not a row").doesNotContain("`main`");
    }
}
