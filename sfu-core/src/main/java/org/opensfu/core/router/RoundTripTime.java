package org.opensfu.core.router;

/**
 * The round-trip time of one transport, from the report blocks its peer sends about our streams: the latest sample,
 * a smoothed value (RFC 6298 §2 style, gain 1/8) and the minimum seen. Touched only on the media loop; read by stats
 * as plain fields (a slightly stale value is fine there).
 */
final class RoundTripTime {
    private volatile long latestNanos = -1;
    private volatile long smoothedNanos = -1;
    private volatile long minNanos = -1;
    private volatile long samples;

    void onSample(long rttNanos) {
        latestNanos = rttNanos;
        smoothedNanos = smoothedNanos < 0 ? rttNanos : smoothedNanos + (rttNanos - smoothedNanos) / 8;
        minNanos = minNanos < 0 ? rttNanos : Math.min(minNanos, rttNanos);
        samples++;
    }

    /** The last sample in nanoseconds, -1 before any. */
    long latestNanos() {
        return latestNanos;
    }

    /** The smoothed round-trip time in nanoseconds, -1 before any sample. */
    long smoothedNanos() {
        return smoothedNanos;
    }

    /** The smallest sample in nanoseconds, -1 before any. */
    long minNanos() {
        return minNanos;
    }

    long samples() {
        return samples;
    }
}
