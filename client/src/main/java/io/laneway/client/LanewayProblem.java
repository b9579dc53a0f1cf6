package io.laneway.client;

/**
 * The router refused a request (RFC 9457 problem+json), or kept refusing it with 429/503 until the client's attempts ran
 * out. {@link #detail()} says what to do.
 */
public class LanewayProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final String detail;
    private final String body;

    public LanewayProblem(int status, String title, String detail, String body) {
        super(status + " " + title + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    /** The problem+json as the router sent it. */
    public String body() {
        return body;
    }
}
