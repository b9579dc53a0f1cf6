package io.laneway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A problem's stable type, named after its title. */
class ProblemTypesTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(value = {
            "Unknown message type|urn:laneway:problem:unknown-message-type",
            "Payload does not match its schema|urn:laneway:problem:payload-does-not-match-its-schema",
            "Not allowed|urn:laneway:problem:not-allowed",
            "  Too  many -- requests! |urn:laneway:problem:too-many-requests",
            "Schéma indisponible|urn:laneway:problem:schema-indisponible",
            "|urn:laneway:problem:error",
            "!!!|urn:laneway:problem:error",
    }, delimiter = '|')
    void theTypeIsTheTitleInLowerCaseWithDashes(String title, String type) {
        assertThat(ProblemTypes.of(title)).hasToString(type);
    }
}
