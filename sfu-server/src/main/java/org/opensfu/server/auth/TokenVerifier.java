package org.opensfu.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensfu.api.ErrorCode;
import org.opensfu.server.api.ApiException;
import org.opensfu.server.config.ServerConfig;

/**
 * Checks join and admin tokens: compact JWS, HS256, signed with the secret of the API key named by the {@code kid}
 * header or else the {@code iss} claim, with an {@code exp} in the future. Every failure is an {@link ApiException}
 * with {@link ErrorCode#UNAUTHORIZED} and a message saying which check failed. Thread-safe.
 */
public final class TokenVerifier {
    /** Longer tokens are refused before parsing. */
    static final int MAX_TOKEN_CHARS = 4096;

    private final Map<String, MACVerifier> verifiers = new LinkedHashMap<>();
    private final Duration clockSkew;
    private final Clock clock;

    public TokenVerifier(List<ServerConfig.ApiKey> keys, Duration clockSkew, Clock clock) {
        for (ServerConfig.ApiKey key : keys) {
            try {
                verifiers.put(key.key(), new MACVerifier(key.secret().getBytes(StandardCharsets.UTF_8)));
            } catch (JOSEException e) {
                throw new IllegalArgumentException("API key " + key.key() + ": " + e.getMessage(), e);
            }
        }
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    /** Verifies a token and returns what it grants. */
    public Grants verify(String token) {
        if (token == null || token.isBlank()) {
            throw unauthorized("a token is required");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw unauthorized("the token is longer than " + MAX_TOKEN_CHARS + " characters");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw unauthorized("the token is not a signed JWT");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw unauthorized("the token is signed with " + jwt.getHeader().getAlgorithm()
                    + "; only HS256 is accepted");
        }
        String keyName = jwt.getHeader().getKeyID() != null ? jwt.getHeader().getKeyID() : claims.getIssuer();
        if (keyName == null) {
            throw unauthorized("the token names no API key (header \"kid\" or claim \"iss\")");
        }
        MACVerifier verifier = verifiers.get(keyName);
        if (verifier == null) {
            throw unauthorized("unknown API key '" + printable(keyName) + "'");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw unauthorized("bad token signature (tampered, or signed with another secret)");
            }
        } catch (JOSEException e) {
            throw unauthorized("bad token signature: " + e.getMessage());
        }
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            throw unauthorized("the token has no expiry (claim \"exp\")");
        }
        if (expiry.toInstant().plus(clockSkew).isBefore(now)) {
            throw unauthorized("the token expired at " + expiry.toInstant());
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().minus(clockSkew).isAfter(now)) {
            throw unauthorized("the token is not valid before " + notBefore.toInstant());
        }
        return new Grants(keyName, claims.getSubject(), string(claims, TokenClaims.ROOM),
                bool(claims, TokenClaims.PUBLISH, true), bool(claims, TokenClaims.SUBSCRIBE, true),
                bool(claims, TokenClaims.ADMIN, false), expiry.toInstant());
    }

    private static String string(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw unauthorized("claim \"" + name + "\" must be a string");
        }
        return text;
    }

    private static boolean bool(JWTClaimsSet claims, String name, boolean absent) {
        Object value = claims.getClaim(name);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof Boolean flag)) {
            throw unauthorized("claim \"" + name + "\" must be true or false");
        }
        return flag;
    }

    private static String printable(String text) {
        String shortened = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return shortened.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(ErrorCode.UNAUTHORIZED, message);
    }
}
