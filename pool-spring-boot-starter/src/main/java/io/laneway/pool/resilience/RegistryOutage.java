package io.laneway.pool.resilience;

import io.laneway.contracts.registry.SchemaRegistryException;

/**
 * Whether a record could not be decoded because the schema registry did not answer (unreachable, timed out, 5xx)
 * rather than because its bytes are bad. Such a record is nobody's fault: the pool puts it back and pauses the lanes
 * instead of dead-lettering valid work. An unknown schema id (404) or bytes that are not Avro stay permanent. Pure.
 */
public final class RegistryOutage {

    private RegistryOutage() {
    }

    public static boolean is(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaRegistryException registry) {
                return registry.httpStatus() == -1 || registry.httpStatus() >= 500;
            }
        }
        return false;
    }
}
