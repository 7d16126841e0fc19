package org.opensfu.api;

import java.util.Objects;

/**
 * A published track.
 *
 * @param trackId       unique in the room; subscribe to it by this id
 * @param participantId who publishes it
 * @param kind          audio or video
 * @param name          the publisher's label for it ("camera", "microphone", "screen"), or null
 */
public record TrackInfo(String trackId, String participantId, TrackKind kind, String name) {
    public TrackInfo {
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(kind, "kind");
    }
}
