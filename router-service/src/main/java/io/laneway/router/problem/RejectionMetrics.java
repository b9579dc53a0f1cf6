package io.laneway.router.problem;

import io.laneway.router.catalog.Catalog;
import io.laneway.security.ClientIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * {@code laneway.router.messages.rejected{status, reason, type, client}}. The type tag is the catalog type, or
 * {@code (unknown)} when the request named none or one outside the catalog: a caller must not be able to
 * create unbounded tag values.
 */
@Component
public class RejectionMetrics {

    /** Request attribute the publish endpoint sets once it knows the message type. */
    public static final String TYPE_ATTRIBUTE = "laneway.type";

    private final MeterRegistry meters;
    private final Catalog catalog;

    public RejectionMetrics(MeterRegistry meters, Catalog catalog) {
        this.meters = meters;
        this.catalog = catalog;
    }

    public void record(int status, String reason, String type, String client) {
        meters.counter("laneway.router.messages.rejected", "status", String.valueOf(status), "reason", reason,
                "type", knownType(type), "client", client == null ? "anonymous" : client).increment();
    }

    /** For the error advice: the type and client of the request being answered, as far as they are known. */
    void recordCurrent(int status, String reason) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object type = request == null ? null : request.getAttribute(TYPE_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        record(status, reason, type == null ? null : type.toString(),
                ClientIdentity.of(SecurityContextHolder.getContext().getAuthentication()));
    }

    private String knownType(String type) {
        return type != null && catalog.find(type).isPresent() ? type : "(unknown)";
    }
}
