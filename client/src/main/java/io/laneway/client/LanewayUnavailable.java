package io.laneway.client;

/** The router (or the status view) did not answer, after the client's attempts. */
public class LanewayUnavailable extends RuntimeException {

    public LanewayUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
