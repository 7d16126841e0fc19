package org.opensfu.api.signaling;

import org.opensfu.api.ParticipantInfo;

/** Someone joined the room (with no tracks yet; {@link TrackPublished} follows when they publish). */
public record ParticipantJoined(ParticipantInfo participant) implements ServerMessage {
}
