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
    void samplesCollapseRootFirstAndTheTableSplitsThemByKindAndLeaf() {
        Map<String, Long> stacks = new TreeMap<>();
        PerfStacks.add(stacks, "postgres", new ArrayList<>(List.of("ext4_sync_file_[k]", "__x64_sys_fdatasync_[k]", "fdatasync", "XLogFlush")));
        PerfStacks.add(stacks, "postgres", new ArrayList<>(List.of("tcp_sendmsg_[k]", "__x64_sys_sendto_[k]", "__send")));
        PerfStacks.add(stacks, "postgres", new ArrayList<>(List.of("hash_search_with_hash_value", "[unknown]")));
        PerfStacks.add(stacks, "postgres", new ArrayList<>(List.of("hash_search_with_hash_value", "[unknown]")));

        assertThat(stacks).containsEntry("postgres;[unknown];hash_search_with_hash_value", 2L)
                .containsEntry("postgres;XLogFlush;fdatasync;__x64_sys_fdatasync_[k];ext4_sync_file_[k]", 1L);
        String table = PerfStacks.table(stacks, 10);
        assertThat(table).contains("| the server's own code (user space) | 50.0% |", "| WAL write and fdatasync | 25.0% |",
                "| socket send (results to the client) | 25.0% |", "`hash_search_with_hash_value` 50.0%;");
        assertThat(table).as("kernel leaves are counted by kind, not listed as functions").doesNotContain("`ext4_sync_file_[k]`");
    }
}
