package org.opensfu.api;

import java.util.List;
import java.util.Objects;

/**
 * A participant of a room.
 *
 * @param participantId assigned by the server at join
 * @param displayName   chosen by the participant, possibly empty
 * @param tracks        what it publishes now
 */
public record ParticipantInfo(String participantId, String displayName, List<TrackInfo> tracks) {
    public ParticipantInfo {
        Objects.requireNonNull(participantId, "participantId");
        displayName = displayName == null ? "" : displayName;
        tracks = tracks == null ? List.of() : List.copyOf(tracks);
    }
}
