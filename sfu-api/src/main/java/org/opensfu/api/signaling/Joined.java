package org.opensfu.api.signaling;

import java.util.List;
import org.opensfu.api.ParticipantInfo;

/**
 * The participant is in the room.
 *
 * @param requestId     from {@link Join}
 * @param participantId this participant's id
 * @param room          the room name
 * @param participants  everyone else already there, with their tracks
 */
public record Joined(String requestId, String participantId, String room, List<ParticipantInfo> participants)
        implements ServerMessage {
    public Joined {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }
}
