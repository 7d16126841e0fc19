package org.opensfu.core.time;

/**
 * The single source of time for every component of the media engine.
 *
 * <p>Components never call {@code System.nanoTime()} or {@code System.currentTimeMillis()} themselves: they take a
 * {@code Clock} in their constructor, so that bandwidth estimation, layer selection, timeouts and RTCP timing can be
 * tested in virtual time with {@link ManualClock}.
 */
public interface Clock {

    /** Monotonic time in nanoseconds, with an arbitrary origin; only differences are meaningful. */
    long nowNanos();

    /** Wall-clock time in milliseconds since the Unix epoch (used for NTP timestamps in RTCP sender reports). */
    long wallClockMillis();

    /** The real clock of this machine. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
