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

    public static String jwt(String client, String scopes) {
        try {
            var claims = new JWTClaimsSet.Builder().subject(client).claim("scope", scopes)
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
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
