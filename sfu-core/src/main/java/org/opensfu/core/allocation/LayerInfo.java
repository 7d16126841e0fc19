package org.opensfu.core.allocation;

import java.util.Arrays;
import java.util.Objects;

/**
 * What is known of one source's layers right now. Spatial layers are indexed from the lowest resolution up.
 *
 * @param bitrateBps {@code bitrateBps[s][t]} is the bitrate of spatial layer s up to and including temporal layer t
 *                   (cumulative within the spatial layer); 0 = not active
 * @param heightPx   {@code heightPx[s]} is the picture height of spatial layer s (from its keyframes); 0 = unknown
 * @param frameRate  {@code frameRate[s][t]} is the frame rate of spatial layer s up to and including temporal layer
 *                   t; 0 = unknown
 *
 * <p>The arrays are copied in and out; use the indexed accessors to read without copying.
 */
public record LayerInfo(long[][] bitrateBps, int[] heightPx, double[][] frameRate) {

    public LayerInfo {
        Objects.requireNonNull(bitrateBps, "bitrateBps");
        Objects.requireNonNull(heightPx, "heightPx");
        Objects.requireNonNull(frameRate, "frameRate");
        if (heightPx.length != bitrateBps.length || frameRate.length != bitrateBps.length) {
            throw new IllegalArgumentException("bitrateBps, heightPx and frameRate must have one entry per spatial layer");
        }
        bitrateBps = bitrateBps.clone();
        frameRate = frameRate.clone();
        heightPx = heightPx.clone();
        for (int s = 0; s < bitrateBps.length; s++) {
            bitrateBps[s] = bitrateBps[s].clone();
            frameRate[s] = frameRate[s].clone();
            if (frameRate[s].length != bitrateBps[s].length) {
                throw new IllegalArgumentException("spatial layer " + s + ": bitrate and frame rate counts differ");
            }
            if (heightPx[s] < 0) {
                throw new IllegalArgumentException("negative height in spatial layer " + s);
            }
            for (long bps : bitrateBps[s]) {
                if (bps < 0) {
                    throw new IllegalArgumentException("negative bitrate in spatial layer " + s);
                }
            }
        }
    }

    /** No layers at all (nothing received yet). */
    public static LayerInfo empty() {
        return new LayerInfo(new long[0][], new int[0], new double[0][]);
    }

    public int spatialLayers() {
        return bitrateBps.length;
    }

    public int temporalLayers(int spatial) {
        return bitrateBps[spatial].length;
    }

    public long bitrateBps(int spatial, int temporal) {
        return bitrateBps[spatial][temporal];
    }

    public int heightPx(int spatial) {
        return heightPx[spatial];
    }

    public double frameRate(int spatial, int temporal) {
        return frameRate[spatial][temporal];
    }

    /** The bitrate of a layer, 0 for {@link Layer#NONE} or a layer this source does not have. */
    public long bitrateBps(Layer layer) {
        if (layer.isNone() || layer.spatial() >= bitrateBps.length
                || layer.temporal() >= bitrateBps[layer.spatial()].length) {
            return 0;
        }
        return bitrateBps[layer.spatial()][layer.temporal()];
    }

    /** True if both have the same number of spatial layers and of temporal layers in each. */
    boolean sameShape(long[][] other) {
        if (other.length != bitrateBps.length) {
            return false;
        }
        for (int s = 0; s < other.length; s++) {
            if (other[s].length != bitrateBps[s].length) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long[][] bitrateBps() {
        long[][] copy = bitrateBps.clone();
        Arrays.setAll(copy, s -> bitrateBps[s].clone());
        return copy;
    }

    @Override
    public int[] heightPx() {
        return heightPx.clone();
    }

    @Override
    public double[][] frameRate() {
        double[][] copy = frameRate.clone();
        Arrays.setAll(copy, s -> frameRate[s].clone());
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerInfo other && Arrays.deepEquals(bitrateBps, other.bitrateBps)
                && Arrays.equals(heightPx, other.heightPx) && Arrays.deepEquals(frameRate, other.frameRate);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.deepHashCode(bitrateBps) + Arrays.hashCode(heightPx)) + Arrays.deepHashCode(frameRate);
    }

    @Override
    public String toString() {
        return "LayerInfo[bitrateBps=" + Arrays.deepToString(bitrateBps) + ", heightPx=" + Arrays.toString(heightPx)
                + ", frameRate=" + Arrays.deepToString(frameRate) + "]";
    }
}
