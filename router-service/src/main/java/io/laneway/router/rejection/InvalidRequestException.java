package io.laneway.router.rejection;

import org.springframework.http.HttpStatus;

/** A caller's mistake the caller can fix; becomes a problem+json answer with this status and message. */
public class InvalidRequestException extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    public InvalidRequestException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
