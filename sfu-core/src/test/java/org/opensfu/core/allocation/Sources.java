package org.opensfu.core.allocation;

import java.util.Random;

/** Typical simulcast sources for the allocator's tests. */
final class Sources {
    static final int[] HEIGHTS = {180, 360, 720};
    /** Cumulative bitrates of a 30 fps L1T3 three-layer camera. */
    static final long[][] CAMERA_BPS = {
            {90_000, 120_000, 150_000},
            {300_000, 400_000, 500_000},
            {900_000, 1_200_000, 1_500_000}};

    private Sources() {
    }

    /** 320x180, 640x360, 1280x720 at 7.5/15/30 fps. */
    static LayerInfo camera30() {
        return new LayerInfo(CAMERA_BPS, HEIGHTS, rates(7.5, 15, 30));
    }

    /** The same bitrates from a 20 fps camera: 5/10/20 fps. */
    static LayerInfo camera20() {
        return new LayerInfo(CAMERA_BPS, HEIGHTS, rates(5, 10, 20));
    }

    /** {@link #camera30()} with bitrates scaled by {@code factor}. */
    static LayerInfo camera30Scaled(double factor) {
        long[][] bps = new long[3][3];
        for (int s = 0; s < 3; s++) {
            for (int t = 0; t < 3; t++) {
                bps[s][t] = Math.round(CAMERA_BPS[s][t] * factor);
            }
        }
        return new LayerInfo(bps, HEIGHTS, rates(7.5, 15, 30));
    }

    /**
     * The same source with each temporal layer's own bitrate (the increment over the layer below) multiplied by an
     * independent factor in {@code [1 - noise, 1 + noise]}: cumulative bitrates stay increasing, as measured ones do.
     */
    static LayerInfo noisy(LayerInfo info, Random random, double noise) {
        long[][] bps = info.bitrateBps();
        for (long[] row : bps) {
            long below = 0;
            long noisyBelow = 0;
            for (int t = 0; t < row.length; t++) {
                long increment = row[t] - below;
                below = row[t];
                noisyBelow += Math.round(increment * (1 + noise * (2 * random.nextDouble() - 1)));
                row[t] = noisyBelow;
            }
        }
        return new LayerInfo(bps, info.heightPx(), info.frameRate());
    }

    static double[][] rates(double t0, double t1, double t2) {
        return new double[][] {{t0, t1, t2}, {t0, t1, t2}, {t0, t1, t2}};
    }

    static AllocationInput input(String id, LayerInfo info, TrackConstraints constraints) {
        return new AllocationInput(id, info, constraints, Layer.NONE);
    }

    static AllocationInput input(String id) {
        return input(id, camera30(), TrackConstraints.DEFAULT);
    }
}
