package org.opensfu.api.rest;

import java.util.List;
import org.opensfu.api.ParticipantInfo;

/**
 * A room as the REST API shows it.
 *
 * @param room            its name
 * @param createdAt       ISO-8601 instant
 * @param maxParticipants the room's limit
 * @param participants    who is in it now
 */
public record RoomInfo(String room, String createdAt, int maxParticipants, List<ParticipantInfo> participants) {
    public RoomInfo {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }
}
