package io.laneway.projection.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageAccessTest {

    @ParameterizedTest(name = "owner {0}, caller {1}, admin {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            // owner,  caller,   admin, may read
            "alice,    alice,    false, true",    // the publisher follows its status URL
            "alice,    bob,      false, false",   // another client: told it does not exist
            "alice,    operator, true,  true",    // operators see every message
            "-,        bob,      false, true",    // a view from before events named their client
            "alice,    -,        false, false",
    })
    void onlyThePublisherAndOperatorsReadAMessage(String owner, String caller, boolean admin, boolean mayRead) {
        assertThat(MessageAccess.mayRead(owner, caller, admin)).isEqualTo(mayRead);
    }
}
