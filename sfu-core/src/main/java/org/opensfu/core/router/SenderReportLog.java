package org.opensfu.core.router;

/**
 * The last few sender reports we sent on one outgoing stream: the compact NTP timestamp each carried (what the
 * receiver echoes as LSR) and when we sent it. A report block that echoes one of them gives the round-trip time
 * (RFC 3550 §6.4.1: A - LSR - DLSR), measured here against our own send time, because the NTP timestamps we write
 * follow the publisher's clock, not ours.
 *
 * <p>Fixed arrays, no allocation; touched only on the media loop.
 */
final class SenderReportLog {
    private static final int SIZE = 4;

    private final long[] compactNtps = new long[SIZE];
    private final long[] sentNanos = new long[SIZE];
    private int next;
    private int count;

    /** Remembers that a sender report carrying {@code compactNtp} left at {@code nowNanos}. */
    void record(long compactNtp, long nowNanos) {
        compactNtps[next] = compactNtp & 0xFFFFFFFFL;
        sentNanos[next] = nowNanos;
        next = (next + 1) % SIZE;
        count = Math.min(count + 1, SIZE);
    }

    /**
     * The round-trip time a report block implies, or -1 when it echoes no report we remember (LSR 0: none received).
     *
     * @param lastSrCompactNtp   the block's LSR field
     * @param delaySinceLastSrMicros the block's DLSR field, in microseconds
     * @param arrivalNanos       when the block arrived
     */
    long roundTripNanos(long lastSrCompactNtp, long delaySinceLastSrMicros, long arrivalNanos) {
        if (lastSrCompactNtp == 0) {
            return -1;
        }
        for (int i = 0; i < count; i++) {
            if (compactNtps[i] == lastSrCompactNtp) {
                long rttNanos = arrivalNanos - sentNanos[i] - delaySinceLastSrMicros * 1_000L;
                return Math.max(0, rttNanos);
            }
        }
        return -1;
    }
}
