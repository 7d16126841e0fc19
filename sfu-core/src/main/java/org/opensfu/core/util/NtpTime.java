package org.opensfu.core.util;

/**
 * NTP timestamps as RTCP carries them (RFC 3550 §4): 64-bit fixed point, seconds since 1900-01-01 in the upper 32
 * bits and the fraction of a second in the lower 32.
 */
public final class NtpTime {
    /** Seconds from 1900-01-01 (the NTP epoch) to 1970-01-01 (the Unix epoch). */
    public static final long EPOCH_OFFSET_SECONDS = 2_208_988_800L;

    private NtpTime() {
    }

    public static long fromUnixMillis(long unixMillis) {
        long seconds = Math.floorDiv(unixMillis, 1000L) + EPOCH_OFFSET_SECONDS;
        long millis = Math.floorMod(unixMillis, 1000L);
        return (seconds << 32) | ((millis << 32) / 1000L);
    }

    /** A duration in nanoseconds as a 32.32 fixed-point NTP difference (non-negative durations only). */
    public static long fromDurationNanos(long nanos) {
        long seconds = nanos / 1_000_000_000L;
        long remainder = nanos % 1_000_000_000L;
        return (seconds << 32) + ((remainder << 32) / 1_000_000_000L);
    }

    /** The middle 32 bits, as in the LSR field of report blocks (RFC 3550 §6.4.1). */
    public static long compact(long ntp) {
        return (ntp >>> 16) & 0xFFFFFFFFL;
    }
}
