package org.opensfu.core.allocation;

import java.util.Objects;

/**
 * One video track a subscriber receives, as the allocator sees it.
 *
 * @param trackId     unique among the inputs of one call
 * @param layers      what the publisher currently sends
 * @param constraints what the subscriber asked for
 * @param current     the layer being forwarded now; the allocator uses it only as the starting point of a track it
 *                    has not seen before (after that it remembers its own targets)
 */
public record AllocationInput(String trackId, LayerInfo layers, TrackConstraints constraints, Layer current) {
    public AllocationInput {
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(layers, "layers");
        Objects.requireNonNull(constraints, "constraints");
        Objects.requireNonNull(current, "current");
    }
}
