package io.laneway.router.security;

import io.laneway.router.ingest.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Per-client allowed types ({@code laneway.router.security.clients.<client>.allowed-types}). */
@Component
public class TypePermissions {

    private final SecurityProperties properties;

    public TypePermissions(SecurityProperties properties) {
        this.properties = properties;
    }

    public void check(String client, String type) {
        var policy = properties.clients().get(client);
        if (policy != null && policy.allowedTypes() != null && !policy.allowedTypes().contains(type)) {
            throw new InvalidRequestException(HttpStatus.FORBIDDEN, "Type not allowed for this client",
                    "Client '" + client + "' may publish only: " + String.join(", ", policy.allowedTypes()));
        }
    }
}
