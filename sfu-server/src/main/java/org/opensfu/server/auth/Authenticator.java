package org.opensfu.server.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.opensfu.api.ErrorCode;
import org.opensfu.server.api.ApiException;
import org.opensfu.server.config.ServerConfig;

/**
 * Turns what a request carries into {@link Grants}: the signaling WebSocket's {@code ?access_token=} and the REST
 * API's {@code Authorization: Bearer} header. Without API keys everything is allowed ({@link Grants#OPEN}).
 */
public final class Authenticator {
    /** The query parameter of the signaling WebSocket URL that carries the join token. */
    public static final String QUERY_PARAMETER = "access_token";
    private static final String BEARER = "Bearer ";

    private final TokenVerifier verifier;

    public Authenticator(ServerConfig.Auth config, Clock clock) {
        this.verifier = config.required() ? new TokenVerifier(config.keys(), config.clockSkew(), clock) : null;
    }

    /** True when tokens are checked (API keys are configured). */
    public boolean required() {
        return verifier != null;
    }

    /**
     * Grants of a signaling connection, from its URL's query string (may be null).
     *
     * @throws ApiException UNAUTHORIZED when a token is needed and missing or invalid
     */
    public Grants signaling(String query) {
        if (verifier == null) {
            return Grants.OPEN;
        }
        return verifier.verify(queryParameter(query, QUERY_PARAMETER));
    }

    /**
     * Grants of an admin REST call, from its {@code Authorization} header (may be null); must be an admin token.
     *
     * @throws ApiException UNAUTHORIZED for a missing or invalid token, FORBIDDEN for a
     *                      valid one without {@code admin: true}
     */
    public Grants admin(String authorization) {
        if (verifier == null) {
            return Grants.OPEN;
        }
        String token = null;
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            token = authorization.substring(BEARER.length()).trim();
        }
        if (token == null || token.isEmpty()) {
            throw new ApiException(ErrorCode.UNAUTHORIZED,
                    "an admin token is required: send the header \"Authorization: Bearer <token>\"");
        }
        Grants grants = verifier.verify(token);
        grants.checkAdmin();
        return grants;
    }

    /** The first value of a query parameter, URL-decoded, or null. */
    static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (key.equals(name)) {
                try {
                    return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return pair.substring(equals + 1);
                }
            }
        }
        return null;
    }
}
