package org.opensfu.core.stream;

/**
 * Coalesces keyframe requests toward one publisher stream: at most one PLI/FIR per interval, however many subscribers
 * ask (many receivers asking at once must not become a storm that doubles the publisher's bitrate). Virtual-time
 * friendly: the caller passes the time.
 */
public final class KeyframeRequestThrottle {
    private final long minIntervalNanos;
    private long lastSentNanos;
    private boolean sentAny;
    private long suppressed;

    public KeyframeRequestThrottle(long minIntervalNanos) {
        if (minIntervalNanos < 0) {
            throw new IllegalArgumentException("interval must not be negative");
        }
        this.minIntervalNanos = minIntervalNanos;
    }

    /** True if a request should go out now (and records it); false if one went out less than the interval ago. */
    public boolean tryRequest(long nowNanos) {
        if (sentAny && nowNanos - lastSentNanos < minIntervalNanos) {
            suppressed++;
            return false;
        }
        sentAny = true;
        lastSentNanos = nowNanos;
        return true;
    }

    /** Requests that were coalesced into an earlier one. */
    public long suppressed() {
        return suppressed;
    }
}
