package org.opensfu.server.auth;

/** Names of the JWT claims OpenSFU reads (PROTOCOL.md §4). */
public final class TokenClaims {
    /** The room the token may join (string). */
    public static final String ROOM = "room";
    /** May publish tracks (boolean, default true). */
    public static final String PUBLISH = "publish";
    /** May subscribe to tracks (boolean, default true). */
    public static final String SUBSCRIBE = "subscribe";
    /** May call the admin REST API (boolean, default false). */
    public static final String ADMIN = "admin";

    private TokenClaims() {
    }
}
