package io.laneway.router.ingest;

import io.laneway.router.rejection.InvalidRequestException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.laneway.contracts.envelope.Priority;
import org.springframework.http.HttpStatus;

/** Parses the wire spelling (critical|high|normal|low, any case) of a priority. */
final class Priorities {

    static final String ALLOWED = Arrays.stream(Priority.values())
            .map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));

    private Priorities() {
    }

    static Priority parse(String value, Priority fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Priority.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(HttpStatus.BAD_REQUEST, "Unknown priority",
                    "priority '" + value + "' is not one of: " + ALLOWED);
        }
    }
}
