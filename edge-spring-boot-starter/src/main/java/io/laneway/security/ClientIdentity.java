package io.laneway.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The client a request speaks for: a JWT's client_id / azp / subject, or an API key's client. */
public final class ClientIdentity {

    private ClientIdentity() {
    }

    public static String of(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken jwt) {
            return ofJwt(jwt.getToken());
        }
        return authentication == null ? "anonymous" : authentication.getName();
    }

    /** The client a token speaks for: its client_id, else azp, else subject. */
    public static String ofJwt(Jwt jwt) {
        for (String claim : new String[] {"client_id", "azp"}) {
            String value = jwt.getClaimAsString(claim);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return jwt.getSubject();
    }

    /** Whether the caller holds scope {@code admin} (operators: every client's messages and orders). */
    public static boolean isAdmin(Authentication authentication) {
        return authentication != null && authentication.getAuthorities().stream().anyMatch(a -> "SCOPE_admin".equals(a.getAuthority()));
    }
}
