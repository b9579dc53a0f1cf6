package io.laneway.router.security;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.laneway.contracts.envelope.Priority;
import io.laneway.router.rejection.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What each client may publish ({@code laneway.router.security.clients.<client>.*}): which types, and which
 * priorities it may ask for. {@code critical} goes to the fast lane whatever the work costs and is never shed, so a
 * client gets it only when its policy names it ({@code default-allowed-priorities} otherwise).
 */
@Component
public class ClientPermissions {

    private final SecurityProperties properties;

    public ClientPermissions(SecurityProperties properties) {
        this.properties = properties;
    }

    /** The client's own policy ({@code allowed-types}), then the type's ({@code allowed-clients}, set by its owner). */
    public void checkType(String client, String type, List<String> typeAllowedClients) {
        if (!typeAllowedClients.isEmpty() && !typeAllowedClients.contains(client)) {
            throw new InvalidRequestException(HttpStatus.FORBIDDEN, "Type not allowed for this client",
                    "Type '" + type + "' may be published only by: " + String.join(", ", typeAllowedClients));
        }
        var policy = properties.clients().get(client);
        if (policy != null && policy.allowedTypes() != null && !policy.allowedTypes().contains(type)) {
            throw new InvalidRequestException(HttpStatus.FORBIDDEN, "Type not allowed for this client",
                    "Client '" + client + "' may publish only: " + String.join(", ", policy.allowedTypes()));
        }
    }

    /** Checks a priority the client asked for; a type's own default priority is the operator's choice and always allowed. */
    public void checkPriority(String client, Priority requested) {
        List<Priority> allowed = allowedPriorities(client);
        if (!allowed.contains(requested)) {
            throw new InvalidRequestException(HttpStatus.FORBIDDEN, "Priority not allowed for this client",
                    "Client '" + client + "' may not publish with priority " + requested.name().toLowerCase(Locale.ROOT)
                            + "; it may use: " + allowed.stream().map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                            + " (or leave priority out to get the type's default).");
        }
    }

    List<Priority> allowedPriorities(String client) {
        var policy = properties.clients().get(client);
        return policy != null && policy.allowedPriorities() != null ? policy.allowedPriorities() : properties.defaultAllowedPriorities();
    }
}
