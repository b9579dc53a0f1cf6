package io.laneway.contracts;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate (or deep-copy) generated classes from packages it was not told to
 * trust. Laneway's contracts live under {@code io.laneway.contracts}; this adds them to whatever the JVM
 * already trusts. The serdes call it on load; code that uses generated builders without a serde (pure
 * unit tests) calls it once itself.
 */
public final class AvroContracts {

    private static final String PACKAGE_PREFIX = "io.laneway.contracts.";
    private static boolean trusted;

    private AvroContracts() {
    }

    public static synchronized void trustGeneratedClasses() {
        if (!trusted) {
            var existing = ClassSecurityValidator.getGlobal();
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(existing,
                    type -> type.getName().startsWith(PACKAGE_PREFIX)));
            trusted = true;
        }
    }
}
