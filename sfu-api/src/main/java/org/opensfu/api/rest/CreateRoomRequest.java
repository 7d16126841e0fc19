package org.opensfu.api.rest;

/**
 * Body of {@code POST /api/v1/rooms}.
 *
 * @param room            1-64 characters of {@code [A-Za-z0-9_-]}
 * @param maxParticipants at most this many participants at once; null means the server's limit
 */
public record CreateRoomRequest(String room, Integer maxParticipants) {
}
