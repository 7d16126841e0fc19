package org.opensfu.server.auth;

import java.time.Instant;
import org.opensfu.api.ErrorCode;
import org.opensfu.server.api.ApiException;

/**
 * What a verified token allows (see PROTOCOL.md §4): one room (or, for {@link #OPEN}, any), publishing, subscribing,
 * and the admin API.
 *
 * @param key        the API key that signed the token, or null in open mode
 * @param identity   the token's {@code sub}, or null
 * @param room       the room the token is for, or null (admin tokens; or any room in open mode)
 * @param expiresAt  the token's {@code exp}, or null in open mode
 */
public record Grants(String key, String identity, String room, boolean canPublish, boolean canSubscribe,
                     boolean admin, Instant expiresAt) {
    /** Everything, in any room: the development mode without API keys. */
    public static final Grants OPEN = new Grants(null, null, null, true, true, true, null);

    public boolean isOpen() {
        return key == null;
    }

    /**
     * Checks a join.
     *
     * @throws ApiException FORBIDDEN when the token is for another room, or for none
     */
    public void checkRoom(String wantedRoom) {
        if (isOpen()) {
            return;
        }
        if (room == null) {
            throw new ApiException(ErrorCode.FORBIDDEN, "the token grants no room (it has no \"room\" claim)");
        }
        if (!room.equals(wantedRoom)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "the token is for room " + room + ", not " + wantedRoom);
        }
    }

    /**
     * Checks an admin call.
     *
     * @throws ApiException FORBIDDEN when the token is not an admin token
     */
    public void checkAdmin() {
        if (!admin) {
            throw new ApiException(ErrorCode.FORBIDDEN, "this call needs an admin token (claim \"admin\": true)");
        }
    }
}
