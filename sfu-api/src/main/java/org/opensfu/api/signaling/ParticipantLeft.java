package org.opensfu.api.signaling;

/** Someone left; {@link TrackUnpublished} was sent before this for each of their tracks. */
public record ParticipantLeft(String participantId) implements ServerMessage {
}
