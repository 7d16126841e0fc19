package org.opensfu.core.allocation;

/**
 * The peak bitrate of each layer of one source over the last one to two windows (two alternating buckets): what
 * the allocator costs a layer at, so that a layer whose bitrate wobbles is costed at its high end and an allocation
 * chosen at a dip does not overshoot a moment later. With a window of 0 the peak is the current bitrate.
 */
final class BitratePeaks {
    private final long windowNanos;
    private long[][] current = new long[0][];
    private long[][] previous = new long[0][];
    private long bucketStartNanos;

    BitratePeaks(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** Takes in the current bitrates. */
    void update(LayerInfo info, long nowNanos) {
        long age = nowNanos - bucketStartNanos;
        if (!info.sameShape(current) || age >= 2 * windowNanos) {
            current = zeros(info);
            previous = zeros(info);
            bucketStartNanos = nowNanos;
        } else if (age >= windowNanos) {
            long[][] recycled = previous;
            previous = current;
            current = recycled;
            for (long[] row : current) {
                java.util.Arrays.fill(row, 0);
            }
            bucketStartNanos = nowNanos;
        }
        for (int s = 0; s < current.length; s++) {
            for (int t = 0; t < current[s].length; t++) {
                current[s][t] = Math.max(current[s][t], info.bitrateBps(s, t));
            }
        }
    }

    /** The peak bitrate of layer (s, t) over the kept history, the current value included. */
    long peakBps(int spatial, int temporal) {
        return Math.max(current[spatial][temporal], previous[spatial][temporal]);
    }

    private static long[][] zeros(LayerInfo info) {
        long[][] z = new long[info.spatialLayers()][];
        for (int s = 0; s < z.length; s++) {
            z[s] = new long[info.temporalLayers(s)];
        }
        return z;
    }
}
