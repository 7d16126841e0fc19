package org.opensfu.server.signaling;

import org.opensfu.core.time.Clock;

/**
 * A token bucket over one connection's messages: {@code ratePerSecond} sustained, {@code burst} at once. A client
 * that floods the signaling socket is told so and disconnected instead of slowing everyone else.
 */
final class MessageRateLimiter {
    private final Clock clock;
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    MessageRateLimiter(Clock clock, int ratePerSecond, int burst) {
        this.clock = clock;
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = clock.nowNanos();
    }

    /** Takes a token for one message; false when the client is over its rate. */
    synchronized boolean tryAcquire() {
        long nowNanos = clock.nowNanos();
        tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * ratePerNano);
        lastNanos = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
