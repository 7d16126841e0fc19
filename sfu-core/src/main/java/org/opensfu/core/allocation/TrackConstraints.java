package org.opensfu.core.allocation;

/**
 * What the subscribing client asked for one track it receives.
 *
 * @param maxHeightPx  highest picture height wanted; 0 = no video wanted, {@link #NO_HEIGHT_LIMIT} = no limit
 * @param maxFrameRate highest frame rate wanted; {@link #NO_FRAME_RATE_LIMIT} = no limit; the base temporal layer
 *                     is always allowed, so 0 means "the lowest frame rate the publisher sends"
 * @param onStage      shown large (the speaker or a pinned participant): allocated before the others
 * @param priority     higher is allocated first among tracks with the same on-stage flag
 */
public record TrackConstraints(int maxHeightPx, double maxFrameRate, boolean onStage, int priority) {
    public static final int NO_HEIGHT_LIMIT = Integer.MAX_VALUE;
    public static final double NO_FRAME_RATE_LIMIT = Double.POSITIVE_INFINITY;
    /** Any resolution, any frame rate, not on stage, priority 0. */
    public static final TrackConstraints DEFAULT =
            new TrackConstraints(NO_HEIGHT_LIMIT, NO_FRAME_RATE_LIMIT, false, 0);

    public TrackConstraints {
        if (maxHeightPx < 0) {
            throw new IllegalArgumentException("maxHeightPx must be >= 0: " + maxHeightPx);
        }
        if (Double.isNaN(maxFrameRate)) {
            throw new IllegalArgumentException("maxFrameRate is NaN");
        }
    }

    public boolean wantsVideo() {
        return maxHeightPx > 0;
    }

    public TrackConstraints withMaxHeightPx(int newMaxHeightPx) {
        return new TrackConstraints(newMaxHeightPx, maxFrameRate, onStage, priority);
    }

    public TrackConstraints withMaxFrameRate(double newMaxFrameRate) {
        return new TrackConstraints(maxHeightPx, newMaxFrameRate, onStage, priority);
    }

    public TrackConstraints withOnStage(boolean newOnStage) {
        return new TrackConstraints(maxHeightPx, maxFrameRate, newOnStage, priority);
    }

    public TrackConstraints withPriority(int newPriority) {
        return new TrackConstraints(maxHeightPx, maxFrameRate, onStage, newPriority);
    }
}
