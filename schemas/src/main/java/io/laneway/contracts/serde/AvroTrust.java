package io.laneway.contracts.serde;

/**
 * Avro 1.12 only instantiates classes from trusted packages when decoding specific records. Laneway's
 * generated contracts live under {@code io.laneway.contracts}; this adds that package to the trusted set
 * (respecting anything already configured) before any decoding happens.
 */
final class AvroTrust {

    static final String PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";
    private static final String LANEWAY_PACKAGES = "io.laneway.contracts";

    private AvroTrust() {
    }

    static synchronized void trustLanewayContracts() {
        String current = System.getProperty(PROPERTY);
        if (current == null || current.isBlank()) {
            System.setProperty(PROPERTY, LANEWAY_PACKAGES);
        } else if (!current.contains(LANEWAY_PACKAGES)) {
            System.setProperty(PROPERTY, current + "," + LANEWAY_PACKAGES);
        }
    }
}
