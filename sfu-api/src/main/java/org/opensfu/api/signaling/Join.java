package org.opensfu.api.signaling;

/**
 * Joins a room; must be the first message on a connection, and is accepted once. The room is created if it does not
 * exist (unless the server is configured otherwise). Answered by {@link Joined} or {@link ErrorMessage}.
 *
 * @param requestId   echoed in the reply; any string the client chooses, may be null
 * @param room        room name: 1-64 characters of {@code [A-Za-z0-9_-]}
 * @param displayName shown to the others; at most 64 characters, may be null
 */
public record Join(String requestId, String room, String displayName) implements ClientMessage {
}
