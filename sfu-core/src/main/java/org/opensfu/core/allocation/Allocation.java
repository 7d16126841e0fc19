package org.opensfu.core.allocation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of one allocation.
 *
 * @param targets      layer to forward for every input track, in allocation order; {@link Layer#NONE} = paused or
 *                     not wanted
 * @param allocatedBps sum of the current bitrates of the target layers
 * @param desiredBps   what all tracks would take at their best allowed layer: the bitrate worth probing for
 */
public record Allocation(Map<String, Layer> targets, long allocatedBps, long desiredBps) {
    public Allocation {
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    }

    /** The target of a track, {@link Layer#NONE} for an unknown one. */
    public Layer target(String trackId) {
        return targets.getOrDefault(trackId, Layer.NONE);
    }
}
