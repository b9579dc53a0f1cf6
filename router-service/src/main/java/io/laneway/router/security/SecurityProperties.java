package io.laneway.router.security;

import java.util.List;
import java.util.Map;

import io.laneway.contracts.envelope.Priority;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code laneway.router.security.*}: what each client may publish. Who a client is (its API key or JWT) is the shared
 * {@code laneway.security.*} of every service ({@code EdgeSecurityProperties}).
 *
 * @param clients                   per-client policy; a client without an entry may publish every public catalog type
 * @param defaultAllowedPriorities  the priorities a client without its own {@code allowed-priorities} may ask for
 */
@ConfigurationProperties("laneway.router.security")
public record SecurityProperties(Map<String, ClientPolicy> clients,
                                 @DefaultValue({"HIGH", "NORMAL", "LOW"}) List<Priority> defaultAllowedPriorities) {

    /**
     * @param allowedTypes      the types this client may publish (null: every public type)
     * @param allowedPriorities the priorities it may ask for (null: {@code default-allowed-priorities})
     */
    public record ClientPolicy(List<String> allowedTypes, List<Priority> allowedPriorities) {
    }

    public SecurityProperties {
        clients = clients == null ? Map.of() : Map.copyOf(clients);
        defaultAllowedPriorities = defaultAllowedPriorities == null ? List.of(Priority.HIGH, Priority.NORMAL, Priority.LOW)
                : List.copyOf(defaultAllowedPriorities);
    }
}
