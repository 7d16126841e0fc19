package org.opensfu.core.allocation;

/**
 * One forwardable layer of a simulcast source: spatial layer (simulcast stream, 0 = lowest resolution) and temporal
 * layer within it (0 = base frame rate). {@link #NONE} means nothing is forwarded (paused or not wanted).
 * Layers compare spatial first, then temporal: (1, 0) is better than (0, 2).
 */
public record Layer(int spatial, int temporal) implements Comparable<Layer> {
    public static final Layer NONE = new Layer(-1, -1);

    public Layer {
        boolean none = spatial == -1 && temporal == -1;
        if (!none && (spatial < 0 || temporal < 0)) {
            throw new IllegalArgumentException("layer indices must both be >= 0, or both -1 for NONE: "
                    + spatial + "/" + temporal);
        }
    }

    public boolean isNone() {
        return spatial < 0;
    }

    @Override
    public int compareTo(Layer other) {
        int bySpatial = Integer.compare(spatial, other.spatial);
        return bySpatial != 0 ? bySpatial : Integer.compare(temporal, other.temporal);
    }

    @Override
    public String toString() {
        return isNone() ? "NONE" : "S" + spatial + "T" + temporal;
    }
}
