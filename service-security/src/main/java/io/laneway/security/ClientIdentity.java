package io.laneway.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The client a request speaks for: a JWT's client_id / azp / subject, or an API key's client. */
public final class ClientIdentity {

    private ClientIdentity() {
    }

    public static String of(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken jwt) {
            for (String claim : new String[] {"client_id", "azp"}) {
                String value = jwt.getToken().getClaimAsString(claim);
                if (value != null && !value.isBlank()) {
                    return value;
                }
            }
            return jwt.getToken().getSubject();
        }
        return authentication == null ? "anonymous" : authentication.getName();
    }
}
