package org.opensfu.server.testing;

import java.time.Duration;
import java.time.Instant;
import org.opensfu.server.auth.TokenMinter;

/** An API key for tests, the config line that installs it, and tokens signed with it. */
public final class Tokens {
    public static final String KEY = "test-key";
    public static final String SECRET = "it-secret-0123456789abcdef0123456789";
    /** HOCON that configures {@link #KEY} on a server. */
    public static final String CONFIG = "sfu.auth.keys = [{key = \"" + KEY + "\", secret = \"" + SECRET + "\"}]";

    private Tokens() {
    }

    /** A join token for {@code room} with every participant right, valid for an hour. */
    public static String join(String room, String identity) {
        return mint(new TokenMinter.Request(room, identity, true, true, false, Duration.ofHours(1)), Instant.now());
    }

    /** An admin token without a room. */
    public static String admin() {
        return mint(new TokenMinter.Request(null, "ops", false, false, true, Duration.ofHours(1)), Instant.now());
    }

    public static String mint(TokenMinter.Request request, Instant issuedAt) {
        return TokenMinter.mint(KEY, SECRET, request, issuedAt);
    }
}
