package io.laneway.router.problem;

import java.io.IOException;

/** The body passed the configured byte limit (thrown while reading, so it surfaces even without Content-Length). */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("The request body exceeds the limit of " + limit + " bytes; send smaller messages or store large payloads elsewhere and send a reference.");
    }
}
