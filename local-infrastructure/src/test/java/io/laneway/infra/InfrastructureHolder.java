package io.laneway.infra;

import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Test helper run as a separate JVM: starts the infrastructure, prints the PIDs of the processes it
 * spawned, then waits to be killed. {@link OrphanGuardTest} kills it with SIGKILL.
 */
public final class InfrastructureHolder {

    public static void main(String[] args) throws Exception {
        var infra = LocalInfrastructure.start(LocalInfrastructure.Ports.any(), Path.of(args[0]));
        String pids = infra.externalProcessIds().stream().map(String::valueOf).collect(Collectors.joining(" "));
        System.out.println("READY " + pids);
        System.out.flush();
        Thread.currentThread().join();
    }
}
