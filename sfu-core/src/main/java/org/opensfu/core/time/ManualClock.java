package org.opensfu.core.time;

import java.util.concurrent.TimeUnit;

/**
 * A clock that only moves when told to: the virtual time of unit tests and simulations.
 * Thread-safe for a single writer and any number of readers.
 */
public final class ManualClock implements Clock {
    private static final long EPOCH_2026_MILLIS = 1_767_225_600_000L;

    private volatile long nowNanos;
    private final long wallClockOriginMillis;

    public ManualClock() {
        this(0L, EPOCH_2026_MILLIS);
    }

    public ManualClock(long startNanos, long wallClockOriginMillis) {
        this.nowNanos = startNanos;
        this.wallClockOriginMillis = wallClockOriginMillis;
    }

    @Override
    public long nowNanos() {
        return nowNanos;
    }

    @Override
    public long wallClockMillis() {
        return wallClockOriginMillis + TimeUnit.NANOSECONDS.toMillis(nowNanos);
    }

    /** Moves time forward. */
    public void advance(long amount, TimeUnit unit) {
        if (amount < 0) {
            throw new IllegalArgumentException("time only moves forward: " + amount);
        }
        nowNanos += unit.toNanos(amount);
    }

    public void advanceMillis(long millis) {
        advance(millis, TimeUnit.MILLISECONDS);
    }

    /** Sets the time to an absolute value, which must not be earlier than now. */
    public void setNanos(long newNanos) {
        if (newNanos < nowNanos) {
            throw new IllegalArgumentException("time only moves forward: " + newNanos + " < " + nowNanos);
        }
        nowNanos = newNanos;
    }
}
