package io.laneway.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * The checks every Laneway service makes on a JWT after its signature and lifetime: the issuer, the audience, and
 * that the client it names is not one of the API-key clients (a token for {@code sub=demo} must not speak for the API
 * key of client {@code demo}: one namespace, two ways in). A plain function of the token, so it is table-tested.
 */
public final class JwtIdentityRules {

    private final String issuer;
    private final String audience;
    private final Set<String> apiKeyClients;

    public JwtIdentityRules(String issuer, String audience, Collection<String> apiKeyClients) {
        this.issuer = issuer;
        this.audience = audience;
        this.apiKeyClients = Set.copyOf(apiKeyClients);
    }

    /** Why the token is refused, or an empty list. */
    public List<String> violations(Jwt jwt) {
        List<String> violations = new ArrayList<>(3);
        String tokenIssuer = jwt.getClaimAsString("iss");
        if (!issuer.equals(tokenIssuer)) {
            violations.add("the token's issuer is " + (tokenIssuer == null ? "missing" : "'" + tokenIssuer + "'") + ", not '" + issuer + "'");
        }
        List<String> audiences = jwt.getAudience();
        if (audiences == null || !audiences.contains(audience)) {
            violations.add("the token's audience " + (audiences == null ? "is missing" : audiences) + " does not include '" + audience + "'");
        }
        String client = ClientIdentity.ofJwt(jwt);
        if (client == null || client.isBlank()) {
            violations.add("the token names no client (client_id, azp or sub)");
        } else if (apiKeyClients.contains(client)) {
            violations.add("client '" + client + "' authenticates with an API key here; a token may not speak for it");
        }
        return violations;
    }

    /** A decoder that refuses (401) every token that breaks these rules. */
    public JwtDecoder around(JwtDecoder decoder) {
        return token -> {
            Jwt jwt = decoder.decode(token);
            List<String> violations = violations(jwt);
            if (!violations.isEmpty()) {
                String reason = String.join("; ", violations);
                throw new JwtValidationException(reason, List.of(new OAuth2Error("invalid_token", reason, null)));
            }
            return jwt;
        };
    }
}
