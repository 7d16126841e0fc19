package org.opensfu.core.router;

/**
 * What a subscriber asked of one video track it receives (PROTOCOL.md, {@code setTrackConstraints}).
 *
 * @param maxHeightPx  the largest picture height wanted; 0 pauses the video; {@link Integer#MAX_VALUE} is no limit
 * @param maxFrameRate the highest frame rate wanted; {@link Double#POSITIVE_INFINITY} is no limit
 * @param onStage      served first, and climbs to its best layer before the others improve
 * @param priority     among tracks not on stage, higher is served first
 */
public record TrackConstraints(int maxHeightPx, double maxFrameRate, boolean onStage, int priority) {
    public static final TrackConstraints DEFAULT =
            new TrackConstraints(Integer.MAX_VALUE, Double.POSITIVE_INFINITY, false, 0);
}
