package io.laneway.router.rejection;

import org.springframework.http.HttpStatus;

/** 429 with Retry-After: the client's own flood (rate limit) or load shed under backpressure. */
public class TooManyRequestsException extends InvalidRequestException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(String title, String detail, long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, title, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
