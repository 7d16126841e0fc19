package org.opensfu.api.signaling;

/**
 * The participant is no longer in the room; the server closes the connection after this.
 *
 * @param reason why: {@code LEFT} (the client asked), {@code REMOVED} (by the API), {@code ROOM_DELETED},
 *               {@code TRANSPORT_CLOSED} (media connection lost), {@code SERVER_STOPPING}
 */
public record Left(String reason) implements ServerMessage {
}
