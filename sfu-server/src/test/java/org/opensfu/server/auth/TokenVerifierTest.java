package org.opensfu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opensfu.api.ErrorCode;
import org.opensfu.server.api.ApiException;
import org.opensfu.server.config.ServerConfig;

class TokenVerifierTest {
    static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final TokenVerifier verifier = new TokenVerifier(
            List.of(new ServerConfig.ApiKey("k1", SECRET), new ServerConfig.ApiKey("k2", SECRET + "-second")),
            Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));

    private static String mint(String key, String secret, TokenMinter.Request request, Instant issued) {
        return TokenMinter.mint(key, secret, request, issued);
    }

    private static TokenMinter.Request join(String room) {
        return new TokenMinter.Request(room, "alice", true, true, false, Duration.ofHours(1));
    }

    @Test
    void aValidTokenGrantsWhatItsClaimsSay() {
        Grants grants = verifier.verify(mint("k1", SECRET, new TokenMinter.Request("standup", "alice", false, true,
                false, Duration.ofMinutes(5)), NOW));
        assertThat(grants.key()).isEqualTo("k1");
        assertThat(grants.identity()).isEqualTo("alice");
        assertThat(grants.room()).isEqualTo("standup");
        assertThat(grants.canPublish()).isFalse();
        assertThat(grants.canSubscribe()).isTrue();
        assertThat(grants.admin()).isFalse();
        assertThat(grants.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        grants.checkRoom("standup");
        assertRefused(() -> grants.checkRoom("other"), ErrorCode.FORBIDDEN, "for room standup");
        assertRefused(grants::checkAdmin, ErrorCode.FORBIDDEN, "admin");
        assertThat(verifier.verify(mint("k2", SECRET + "-second", join("x"), NOW)).key()).isEqualTo("k2");
    }

    @Test
    void absentRightsDefaultToPublishAndSubscribeButNotAdmin() throws Exception {
        Grants grants = verifier.verify(sign("k1", SECRET, new JWTClaimsSet.Builder().issuer("k1").claim("room", "r")
                .expirationTime(Date.from(NOW.plusSeconds(60))).build()));
        assertThat(grants.canPublish()).isTrue();
        assertThat(grants.canSubscribe()).isTrue();
        assertThat(grants.admin()).isFalse();
        assertThat(grants.key()).as("iss names the key without kid").isEqualTo("k1");
    }

    @Test
    void expiredAndNotYetValidTokensAreRefusedBeyondTheClockSkew() {
        String expired = mint("k1", SECRET, new TokenMinter.Request("r", "a", true, true, false,
                Duration.ofMinutes(1)), NOW.minus(Duration.ofMinutes(2)));
        assertRefused(() -> verifier.verify(expired), ErrorCode.UNAUTHORIZED, "expired");
        String justExpired = mint("k1", SECRET, new TokenMinter.Request("r", "a", true, true, false,
                Duration.ofMinutes(1)), NOW.minus(Duration.ofSeconds(80)));
        assertThat(verifier.verify(justExpired).room()).as("within the 30 s skew").isEqualTo("r");
        String future = mint("k1", SECRET, join("r"), NOW.plus(Duration.ofMinutes(5)));
        assertRefused(() -> verifier.verify(future), ErrorCode.UNAUTHORIZED, "not valid before");
    }

    @Test
    void tamperedForgedAndUnknownTokensAreRefused() {
        String token = mint("k1", SECRET, join("standup"), NOW);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("standup", "secret1");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertRefused(() -> verifier.verify(tampered), ErrorCode.UNAUTHORIZED, "signature");
        assertRefused(() -> verifier.verify(mint("k1", SECRET.replace('0', '1'), join("r"), NOW)),
                ErrorCode.UNAUTHORIZED, "signature");
        assertRefused(() -> verifier.verify(mint("k9", SECRET, join("r"), NOW)), ErrorCode.UNAUTHORIZED,
                "unknown API key 'k9'");
        assertRefused(() -> verifier.verify(null), ErrorCode.UNAUTHORIZED, "required");
        assertRefused(() -> verifier.verify(""), ErrorCode.UNAUTHORIZED, "required");
        assertRefused(() -> verifier.verify("not.a.jwt"), ErrorCode.UNAUTHORIZED, "not a signed JWT");
        assertRefused(() -> verifier.verify("x".repeat(5000)), ErrorCode.UNAUTHORIZED, "longer");
        String unsigned = new PlainJWT(new PlainHeader(), new JWTClaimsSet.Builder().issuer("k1").claim("room", "r")
                .expirationTime(Date.from(NOW.plusSeconds(60))).build()).serialize();
        assertRefused(() -> verifier.verify(unsigned), ErrorCode.UNAUTHORIZED, "not a signed JWT");
    }

    @Test
    void tokensWithoutExpiryOrWithOtherAlgorithmsOrBadClaimsAreRefused() throws Exception {
        assertRefused(() -> verifier.verify(sign("k1", SECRET, new JWTClaimsSet.Builder().issuer("k1").build())),
                ErrorCode.UNAUTHORIZED, "no expiry");
        String hs512 = signWith(JWSAlgorithm.HS512, "k1", SECRET + SECRET, new JWTClaimsSet.Builder().issuer("k1")
                .expirationTime(Date.from(NOW.plusSeconds(60))).build());
        assertRefused(() -> verifier.verify(hs512), ErrorCode.UNAUTHORIZED, "only HS256");
        assertRefused(() -> verifier.verify(sign(null, SECRET, new JWTClaimsSet.Builder()
                .expirationTime(Date.from(NOW.plusSeconds(60))).build())), ErrorCode.UNAUTHORIZED, "names no API key");
        assertRefused(() -> verifier.verify(sign("k1", SECRET, new JWTClaimsSet.Builder().claim("publish", "yes")
                .expirationTime(Date.from(NOW.plusSeconds(60))).build())), ErrorCode.UNAUTHORIZED, "\"publish\"");
        assertRefused(() -> verifier.verify(sign("k1", SECRET, new JWTClaimsSet.Builder().claim("room", 7)
                .expirationTime(Date.from(NOW.plusSeconds(60))).build())), ErrorCode.UNAUTHORIZED, "\"room\"");
    }

    @Test
    void openModeAllowsEverything() {
        Authenticator open = new Authenticator(new ServerConfig.Auth(List.of(), Duration.ZERO), Clock.systemUTC());
        assertThat(open.required()).isFalse();
        assertThat(open.signaling(null)).isEqualTo(Grants.OPEN);
        assertThat(open.admin(null)).isEqualTo(Grants.OPEN);
        Grants.OPEN.checkRoom("anything");
        Grants.OPEN.checkAdmin();
    }

    @Test
    void theAuthenticatorReadsTheQueryAndTheBearerHeader() {
        Authenticator auth = new Authenticator(new ServerConfig.Auth(List.of(new ServerConfig.ApiKey("k1", SECRET)),
                Duration.ofSeconds(30)), Clock.systemUTC());
        String token = TokenMinter.mint("k1", SECRET, join("r"), Instant.now());
        assertThat(auth.signaling("room=r&access_token=" + token).room()).isEqualTo("r");
        assertRefused(() -> auth.signaling("room=r"), ErrorCode.UNAUTHORIZED, "required");
        assertRefused(() -> auth.signaling(null), ErrorCode.UNAUTHORIZED, "required");
        assertRefused(() -> auth.admin(null), ErrorCode.UNAUTHORIZED, "Authorization: Bearer");
        assertRefused(() -> auth.admin("Basic abc"), ErrorCode.UNAUTHORIZED, "Authorization: Bearer");
        assertRefused(() -> auth.admin("Bearer " + token), ErrorCode.FORBIDDEN, "admin");
        String admin = TokenMinter.mint("k1", SECRET, new TokenMinter.Request(null, "ops", false, false, true,
                Duration.ofMinutes(1)), Instant.now());
        assertThat(auth.admin("bearer " + admin).admin()).isTrue();
        assertThat(Authenticator.queryParameter("a=1&b=%41", "b")).isEqualTo("A");
        assertThat(Authenticator.queryParameter("a=1&b=%zz", "b")).isEqualTo("%zz");
        assertThat(Authenticator.queryParameter("a", "a")).isEmpty();
    }

    private static String sign(String kid, String secret, JWTClaimsSet claims) throws Exception {
        return signWith(JWSAlgorithm.HS256, kid, secret, claims);
    }

    private static String signWith(JWSAlgorithm algorithm, String kid, String secret, JWTClaimsSet claims)
            throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).build(), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code,
                                      String message) {
        assertThatThrownBy(call).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(code))
                .hasMessageContaining(message);
    }
}
