package io.laneway.router.support;

import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Real signed JWTs for tests, from the same HMAC secret the test router trusts. */
public final class Tokens {

    /** A compile-time constant so test annotations can carry it. */
    public static final String SECRET_BASE64 = "bGFuZXdheS10ZXN0LXNlY3JldC0zMi1ieXRlcy1sb25nISE=";
    private static final byte[] SECRET = Base64.getDecoder().decode(SECRET_BASE64);

    private Tokens() {
    }

    /** A token as the local issuer mints it for Laneway: issuer {@code laneway-local}, audience {@code laneway}. */
    public static String jwt(String client, String scopes) {
        return jwt(client, scopes, "laneway-local", "laneway");
    }

    /** @param audience null: a token without an audience */
    public static String jwt(String client, String scopes, String issuer, String audience) {
        try {
            var builder = new JWTClaimsSet.Builder().subject(client).claim("scope", scopes).issuer(issuer)
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)));
            if (audience != null) {
                builder.audience(audience);
            }
            var claims = builder.build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(SECRET));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String bearer(String client) {
        return "Bearer " + jwt(client, "messages:write");
    }
}
