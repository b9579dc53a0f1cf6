package io.laneway.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out free loopback ports for children that cannot bind port 0 and report back.
 *
 * <p>The ports come from below the kernel's ephemeral range (32768+ on Linux), never twice in one JVM. Ports the
 * kernel handed out for "port 0" would be free again the moment we close our probe socket, and a server binding
 * port 0 at the same time (the in-process broker, a client's socket) could be given the very same port before
 * our child binds it: seen once, as a schema registry that could not start and HTTP requests landing on Kafka.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int ABOVE_HIGHEST = 32_768;
    private static final Set<Integer> handedOut = new HashSet<>();

    private FreePorts() {
    }

    public static synchronized int next() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, ABOVE_HIGHEST);
            if (!handedOut.contains(port) && bindable(port)) {
                handedOut.add(port);
                return port;
            }
        }
        throw new IllegalStateException("No free loopback port between " + LOWEST + " and " + ABOVE_HIGHEST);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
