package org.opensfu.server.room;

import org.opensfu.api.ErrorCode;
import org.opensfu.api.signaling.SetTrackConstraints;
import org.opensfu.core.allocation.TrackConstraints;
import org.opensfu.server.api.ApiException;

/** Validates a client's {@code setTrackConstraints} into the router's {@link TrackConstraints}. */
final class TrackPreferences {
    private static final int MAX_HEIGHT_PX = 4320;
    private static final double MAX_FRAME_RATE = 240;
    private static final int MAX_PRIORITY = 100;

    private TrackPreferences() {
    }

    static TrackConstraints validate(SetTrackConstraints request) {
        if (request.trackId() == null || request.trackId().isBlank()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "setTrackConstraints needs a trackId");
        }
        Integer maxHeight = request.maxHeight();
        if (maxHeight != null && (maxHeight < 0 || maxHeight > MAX_HEIGHT_PX)) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "maxHeight must be between 0 and " + MAX_HEIGHT_PX);
        }
        Double maxFrameRate = request.maxFrameRate();
        if (maxFrameRate != null && !(maxFrameRate > 0 && maxFrameRate <= MAX_FRAME_RATE)) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "maxFrameRate must be above 0 and at most " + MAX_FRAME_RATE);
        }
        Integer priority = request.priority();
        if (priority != null && Math.abs(priority) > MAX_PRIORITY) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "priority must be between -100 and 100");
        }
        return new TrackConstraints(maxHeight == null ? TrackConstraints.NO_HEIGHT_LIMIT : maxHeight,
                maxFrameRate == null ? TrackConstraints.NO_FRAME_RATE_LIMIT : maxFrameRate,
                Boolean.TRUE.equals(request.onStage()), priority == null ? 0 : priority);
    }
}
