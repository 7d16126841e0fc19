package org.opensfu.core.repair;

/**
 * When a {@link NackGenerator} asks for a missing packet (RFC 4585 §6.2.1 generic NACK), how often, and when it gives
 * up.
 *
 * @param reorderToleranceNanos  how long a gap may stay open before its first NACK: packets that are merely reordered
 *                               arrive within this and are never NACKed
 * @param minRetryIntervalNanos  the shortest time between two NACKs of the same packet; the interval is the round-trip
 *                               time when that is longer
 * @param maxRetries             how many NACKs at most per packet
 * @param maxAgeNanos            a packet missing for longer than this is forgotten: a retransmission would come
 *                               too late to be of use
 * @param maxMissing             how many missing packets are tracked at most; a loss that would exceed this clears the
 *                               list and asks for a keyframe instead
 * @param unknownRttNanos        the round-trip time assumed while none has been measured
 */
public record NackPolicy(long reorderToleranceNanos, long minRetryIntervalNanos, int maxRetries, long maxAgeNanos,
                         int maxMissing, long unknownRttNanos) {
    private static final long MS = 1_000_000L;

    /** 15 ms reorder tolerance, retries every max(RTT, 20 ms) up to 10 times, 1 s max age, 500 packets, 100 ms RTT. */
    public static final NackPolicy DEFAULT = new NackPolicy(15 * MS, 20 * MS, 10, 1_000 * MS, 500, 100 * MS);

    public NackPolicy {
        if (reorderToleranceNanos < 0 || minRetryIntervalNanos <= 0 || maxRetries < 1 || maxAgeNanos <= 0
                || maxMissing < 1 || unknownRttNanos <= 0) {
            throw new IllegalArgumentException("invalid NACK policy: " + reorderToleranceNanos + ", "
                    + minRetryIntervalNanos + ", " + maxRetries + ", " + maxAgeNanos + ", " + maxMissing + ", "
                    + unknownRttNanos);
        }
    }

    /** The time between two NACKs of one packet for a measured {@code rttNanos} (0 or less: not measured). */
    public long retryIntervalNanos(long rttNanos) {
        return Math.max(rttNanos > 0 ? rttNanos : unknownRttNanos, minRetryIntervalNanos);
    }
}
