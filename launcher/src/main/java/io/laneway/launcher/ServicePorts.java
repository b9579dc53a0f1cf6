package io.laneway.launcher;

import io.laneway.infra.FreePorts;
import io.laneway.infra.LocalInfrastructure;

/** Every port the local platform listens on (all on 127.0.0.1). */
public record ServicePorts(LocalInfrastructure.Ports infrastructure, int router, int pool, int saga, int projection, int invoicing) {

    /** The documented fixed ports of {@code ./laneway}. */
    public static ServicePorts defaults() {
        return new ServicePorts(new LocalInfrastructure.Ports(9092, 15432, 8181, 9181), 8081, 8082, 8083, 8084, 8085);
    }

    /** Free ports, for tests that must not collide with a running local platform. */
    public static ServicePorts random() {
        return new ServicePorts(new LocalInfrastructure.Ports(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next()),
                FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next());
    }
}
