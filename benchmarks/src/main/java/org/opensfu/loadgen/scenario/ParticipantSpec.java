package org.opensfu.loadgen.scenario;

import java.util.Objects;

/**
 * One simulated participant of a scenario.
 *
 * @param room          the room it joins
 * @param name          its display name (unique in the run)
 * @param publishAudio  sends an Opus microphone
 * @param publishVideo  sends a VP8 camera (simulcast per {@link MediaSettings})
 * @param subscribe     what it receives of the others
 * @param maxHeightPx   the {@code setTrackConstraints} height it asks for on every video track, or null for none
 */
public record ParticipantSpec(String room, String name, boolean publishAudio, boolean publishVideo,
                              SubscribeMode subscribe, Integer maxHeightPx) {
    public ParticipantSpec {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subscribe, "subscribe");
    }

    public boolean publishes() {
        return publishAudio || publishVideo;
    }
}
