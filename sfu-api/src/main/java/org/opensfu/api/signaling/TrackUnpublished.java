package org.opensfu.api.signaling;

/** A track is gone; its subscriptions stop receiving. The client may stop the transceiver and renegotiate. */
public record TrackUnpublished(String trackId, String participantId) implements ServerMessage {
}
