package org.opensfu.core.stream;

import java.util.Arrays;

/**
 * Bitrate and frame rate of each spatial and temporal layer of one video source over a sliding window: what the
 * bandwidth allocator weighs layers by. Packets are counted into time buckets of {@value #BUCKET_MILLIS} ms; the
 * window is the last {@value #BUCKETS} of them, or, for a spatial layer that started (or restarted after a silence
 * longer than the window) more recently, the time since its first packet: a layer the publisher just turned on is
 * measured at its real rate at once, not diluted over a window it did not exist in. Confined to one thread; nothing
 * allocated per packet.
 */
public final class LayerRateMeter {
    static final int BUCKETS = 20;
    static final long BUCKET_MILLIS = 100;
    private static final long BUCKET_NANOS = BUCKET_MILLIS * 1_000_000L;

    private final int spatialLayers;
    private final int temporalLayers;
    /** [spatial][temporal][bucket] */
    private final long[][][] bytes;
    private final int[][][] frames;
    private long currentBucket = Long.MIN_VALUE;
    /** Per spatial layer: the bucket of its first packet since it was last silent for a whole window. */
    private final long[] firstBucket;
    /** Per spatial layer: the bucket of its latest packet. */
    private final long[] lastBucket;

    public LayerRateMeter(int spatialLayers, int temporalLayers) {
        this.spatialLayers = spatialLayers;
        this.temporalLayers = temporalLayers;
        this.bytes = new long[spatialLayers][temporalLayers][BUCKETS];
        this.frames = new int[spatialLayers][temporalLayers][BUCKETS];
        this.firstBucket = new long[spatialLayers];
        this.lastBucket = new long[spatialLayers];
        Arrays.fill(firstBucket, Long.MIN_VALUE);
        Arrays.fill(lastBucket, Long.MIN_VALUE);
    }

    public int spatialLayers() {
        return spatialLayers;
    }

    public int temporalLayers() {
        return temporalLayers;
    }

    /**
     * Counts a packet of layer ({@code spatial}, {@code temporal}); {@code firstOfFrame} marks the packet that starts
     * a frame. Out-of-range layers are clamped (a temporal id above the meter's range counts as the top one).
     */
    public void onPacket(int spatial, int temporal, int sizeBytes, boolean firstOfFrame, long nowNanos) {
        if (spatial < 0 || spatial >= spatialLayers) {
            return;
        }
        int t = Math.max(0, Math.min(temporal, temporalLayers - 1));
        int slot = advance(nowNanos);
        if (lastBucket[spatial] == Long.MIN_VALUE || currentBucket - lastBucket[spatial] >= BUCKETS) {
            firstBucket[spatial] = currentBucket; // (re)started: measure from here
        }
        lastBucket[spatial] = currentBucket;
        bytes[spatial][t][slot] += sizeBytes;
        if (firstOfFrame) {
            frames[spatial][t][slot]++;
        }
    }

    /** Clears the buckets that went by without packets, and returns the slot of the current one. */
    private int advance(long nowNanos) {
        long bucket = Math.floorDiv(nowNanos, BUCKET_NANOS);
        if (currentBucket == Long.MIN_VALUE) {
            currentBucket = bucket;
        } else if (bucket > currentBucket) {
            long steps = Math.min(bucket - currentBucket, BUCKETS);
            for (long i = 1; i <= steps; i++) {
                int slot = (int) Math.floorMod(currentBucket + i, (long) BUCKETS);
                for (int s = 0; s < spatialLayers; s++) {
                    for (int t = 0; t < temporalLayers; t++) {
                        bytes[s][t][slot] = 0;
                        frames[s][t][slot] = 0;
                    }
                }
            }
            currentBucket = bucket;
        }
        return (int) Math.floorMod(currentBucket, (long) BUCKETS);
    }

    /**
     * Bitrate of spatial layer {@code spatial} up to and including temporal layer {@code temporal}, in bits per
     * second, over the window (or the time measured so far, if shorter).
     */
    public long bitrateBps(int spatial, int temporal, long nowNanos) {
        double seconds = windowSeconds(spatial, nowNanos);
        if (seconds <= 0) {
            return 0;
        }
        long total = 0;
        for (int t = 0; t <= Math.min(temporal, temporalLayers - 1); t++) {
            for (int b = 0; b < BUCKETS; b++) {
                total += bytes[spatial][t][b];
            }
        }
        return (long) (total * 8 / seconds);
    }

    /** Frames per second of spatial layer {@code spatial} up to and including temporal layer {@code temporal}. */
    public double frameRate(int spatial, int temporal, long nowNanos) {
        double seconds = windowSeconds(spatial, nowNanos);
        if (seconds <= 0) {
            return 0;
        }
        long total = 0;
        for (int t = 0; t <= Math.min(temporal, temporalLayers - 1); t++) {
            for (int b = 0; b < BUCKETS; b++) {
                total += frames[spatial][t][b];
            }
        }
        return total / seconds;
    }

    /** The time a spatial layer's rates are measured over: the window, or less for a layer that started since. */
    private double windowSeconds(int spatial, long nowNanos) {
        if (spatial < 0 || spatial >= spatialLayers || firstBucket[spatial] == Long.MIN_VALUE) {
            return 0;
        }
        advance(nowNanos);
        long covered = Math.min(BUCKETS, currentBucket - firstBucket[spatial] + 1);
        return covered * BUCKET_MILLIS / 1000.0;
    }
}
