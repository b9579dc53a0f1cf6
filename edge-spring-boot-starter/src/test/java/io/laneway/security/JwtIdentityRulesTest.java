package io.laneway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** The checks on a token after its signature: issuer, audience, and no API-key client's name. */
class JwtIdentityRulesTest {

    private final JwtIdentityRules rules = new JwtIdentityRules("laneway-local", "laneway", List.of("demo"));

    @ParameterizedTest(name = "iss={0} aud={1} sub={2} -> {3}")
    @CsvSource(nullValues = "null", textBlock = """
            # issuer,                  audience,  subject,  refused because
            laneway-local,             laneway,   team-a,   null
            https://other.example,     laneway,   team-a,   issuer is 'https://other.example', not 'laneway-local'
            null,                      laneway,   team-a,   issuer is missing
            laneway-local,             billing,   team-a,   audience [billing] does not include 'laneway'
            laneway-local,             null,      team-a,   audience is missing
            laneway-local,             laneway,   demo,     client 'demo' authenticates with an API key here
            """)
    void aTokenIsRefusedForEachRuleItBreaks(String issuer, String audience, String subject, String refusedBecause) {
        Jwt.Builder token = Jwt.withTokenValue("t").header("alg", "HS256").subject(subject).issuedAt(Instant.now());
        if (issuer != null) {
            token.claim("iss", issuer);
        }
        if (audience != null) {
            token.audience(List.of(audience));
        }

        List<String> violations = rules.violations(token.build());

        if (refusedBecause == null) {
            assertThat(violations).isEmpty();
        } else {
            assertThat(violations).singleElement().asString().contains(refusedBecause);
        }
    }

    @Test
    void theIssuerDefaultsToSpringsIssuerUriThenTheLocalIssuer() {
        assertThat(new JwtRules("https://id.example/realm", null).expectedIssuer("https://ignored")).isEqualTo("https://id.example/realm");
        assertThat(JwtRules.DEFAULTS.expectedIssuer("https://id.example/realm")).isEqualTo("https://id.example/realm");
        assertThat(JwtRules.DEFAULTS.expectedIssuer(null)).isEqualTo("laneway-local");
        assertThat(JwtRules.DEFAULTS.audience()).isEqualTo("laneway");
    }

    @Test
    void anEmptyOrSharedApiKeyStopsTheStart() {
        assertThatThrownBy(() -> LanewaySecurity.requireUsableKeys(List.of(new ApiKey("", "demo", List.of("admin")))))
                .hasMessageContaining("API key 0 (client 'demo') is empty");
        assertThatThrownBy(() -> LanewaySecurity.requireUsableKeys(List.of(new ApiKey("  ", "demo", List.of())))).hasMessageContaining("is empty");
        assertThatThrownBy(() -> LanewaySecurity.requireUsableKeys(List.of(new ApiKey("k1", " ", List.of())))).hasMessageContaining("names no client");
        assertThatThrownBy(() -> LanewaySecurity.requireUsableKeys(List.of(new ApiKey("k1", "a", List.of()), new ApiKey("k1", "b", List.of()))))
                .hasMessageContaining("the same key");
        LanewaySecurity.requireUsableKeys(List.of(new ApiKey("k1", "a", List.of()), new ApiKey("k2", "b", List.of())));
    }
}
