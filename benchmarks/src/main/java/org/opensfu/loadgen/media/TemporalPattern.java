package org.opensfu.loadgen.media;

/**
 * The L1T3 temporal pattern of libwebrtc's VP8 encoder: a 4-frame cycle TL0, TL2, TL1, TL2 (so TL0 alone is a quarter
 * of the frame rate, TL0+TL1 half, all three the full rate), and the share of the bitrate each layer's frames carry
 * (40 %, 20 %, 40 %, libwebrtc's default allocation for three temporal layers).
 *
 * <p>The Y bit (layer sync, RFC 7741 §4.2) is set on a frame that references only the base layer: the first TL2 and
 * the TL1 of each cycle.
 */
public final class TemporalPattern {
    /** Temporal layers in the pattern. */
    public static final int LAYERS = 3;
    private static final int[] TID = {0, 2, 1, 2};
    /** Frame size relative to the layer's average frame: share of bits / share of frames. */
    private static final double[] SIZE_FACTOR = {0.40 / 0.25, 0.20 / 0.25, 0.40 / 0.50};

    private TemporalPattern() {
    }

    /** The temporal layer of the {@code frameIndex}-th frame since the pattern (re)started. */
    public static int temporalLayer(long frameIndex) {
        return TID[(int) (frameIndex & 3)];
    }

    /** Whether the frame depends only on TL0 frames (Y bit). */
    public static boolean layerSync(long frameIndex) {
        int phase = (int) (frameIndex & 3);
        return phase == 1 || phase == 2;
    }

    /** How large a frame of {@code temporalLayer} is, relative to the average frame of its spatial layer. */
    public static double sizeFactor(int temporalLayer) {
        return SIZE_FACTOR[temporalLayer];
    }
}
