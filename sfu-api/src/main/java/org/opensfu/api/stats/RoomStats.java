package org.opensfu.api.stats;

import java.util.List;

/**
 * A snapshot of a room's media: {@code GET /api/v1/rooms/{room}/stats}. Counters count from when each participant,
 * track or subscription started; rates are measured over the last two seconds.
 *
 * @param room         the room's name
 * @param participants one entry per participant with a media connection
 */
public record RoomStats(String room, List<ParticipantStats> participants) {
    public RoomStats {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }
}
