package org.opensfu.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Signs tokens the way {@link TokenVerifier} expects them: for the {@code token} command, tests and examples. */
public final class TokenMinter {
    private TokenMinter() {
    }

    /**
     * What a token grants.
     *
     * @param room     the room, or null (admin-only tokens)
     * @param identity the {@code sub}, or null
     */
    public record Request(String room, String identity, boolean canPublish, boolean canSubscribe, boolean admin,
                          Duration ttl) {
    }

    /**
     * Signs a token with HS256, naming the key in both {@code kid} and {@code iss}.
     *
     * @throws IllegalArgumentException if the secret is shorter than 32 bytes
     */
    public static String mint(String key, String secret, Request request, Instant now) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(key)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(request.ttl())))
                .claim(TokenClaims.PUBLISH, request.canPublish())
                .claim(TokenClaims.SUBSCRIBE, request.canSubscribe());
        if (request.room() != null) {
            claims.claim(TokenClaims.ROOM, request.room());
        }
        if (request.identity() != null) {
            claims.subject(request.identity());
        }
        if (request.admin()) {
            claims.claim(TokenClaims.ADMIN, true);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(key)
                .build(), claims.build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign with the secret of key " + key + ": " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
