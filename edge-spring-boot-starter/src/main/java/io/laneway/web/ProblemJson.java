package io.laneway.web;

import org.springframework.http.HttpStatus;

/**
 * The RFC 9457 body written where Spring's message converters are not available: Tomcat's own error reports and the
 * security filters' 401/403 (they run before Spring MVC). One writer, one escaping. Hand-written because it is four
 * fixed fields; the detail is ours, never an exception's message.
 */
public final class ProblemJson {

    private ProblemJson() {
    }

    /** With the status's reason phrase as the title. */
    static String of(int status, String detail, String instance) {
        HttpStatus known = HttpStatus.resolve(status);
        return of(status, known == null ? "Error" : known.getReasonPhrase(), detail, instance);
    }

    public static String of(int status, String title, String detail, String instance) {
        return "{\"type\":\"" + ProblemTypes.of(title) + "\",\"title\":\"" + escape(title) + "\",\"status\":" + status + ",\"detail\":\"" + escape(detail)
                + "\"" + (instance == null ? "" : ",\"instance\":\"" + escape(instance) + "\"") + "}";
    }

    /** What a caller can do about a status raised before any controller saw the request. */
    static String detailFor(int status) {
        return switch (status) {
            case 400 -> "The request could not be read: check the URL (encoded slashes, control characters and '%' sequences are refused), "
                    + "the headers and the body.";
            case 401 -> "Credentials are missing or not valid: send X-API-Key or an OAuth2 bearer token.";
            case 403 -> "The credentials are valid but not allowed to do this.";
            case 404 -> "Nothing is served at this path.";
            case 405 -> "This path does not accept that method.";
            case 413 -> "The request is too large.";
            case 414 -> "The URL is too long.";
            case 431 -> "The request headers are too large.";
            default -> status >= 500 ? "The service could not answer; retry later. If it persists, report the time of the request."
                    : "The request was refused.";
        };
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
