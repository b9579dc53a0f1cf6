package io.laneway.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Asks the kernel for a free loopback port (for children that cannot bind port 0 and report back). */
public final class FreePorts {

    private FreePorts() {
    }

    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free loopback port", e);
        }
    }
}
