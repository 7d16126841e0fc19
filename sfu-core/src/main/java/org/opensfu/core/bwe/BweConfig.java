package org.opensfu.core.bwe;

/**
 * Configuration of a {@link SendSideBandwidthEstimator}.
 *
 * @param initialBps       the estimate before any feedback, bits per second
 * @param minBps           the estimate never goes below this
 * @param maxBps           nor above this
 * @param historyCapacity  sent packets remembered for matching feedback, a power of two from 64; at 1200-byte packets
 *                         4096 covers about 15 s at 2.5 Mbps, 1.5 s at 25 Mbps
 * @param probingEnabled   whether {@link SendSideBandwidthEstimator#probeIfWanted} may ask for probe clusters
 */
public record BweConfig(long initialBps, long minBps, long maxBps, int historyCapacity, boolean probingEnabled) {
    /** Default sent-packet history size. */
    public static final int DEFAULT_HISTORY_CAPACITY = 4096;

    public BweConfig {
        if (minBps <= 0 || maxBps < minBps) {
            throw new IllegalArgumentException("need 0 < minBps <= maxBps: " + minBps + ", " + maxBps);
        }
        if (initialBps < minBps || initialBps > maxBps) {
            throw new IllegalArgumentException("initialBps outside [minBps, maxBps]: " + initialBps);
        }
        if (historyCapacity < 64 || Integer.bitCount(historyCapacity) != 1) {
            throw new IllegalArgumentException("historyCapacity must be a power of two >= 64: " + historyCapacity);
        }
    }

    /** A configuration with the default history and probing on. */
    public static BweConfig of(long initialBps, long minBps, long maxBps) {
        return new BweConfig(initialBps, minBps, maxBps, DEFAULT_HISTORY_CAPACITY, true);
    }

    /** The SFU's defaults: 300 kbps to start, 30 kbps to 20 Mbps. */
    public static BweConfig defaults() {
        return of(300_000, 30_000, 20_000_000);
    }
}
