package org.opensfu.core.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code t=<start-time> <stop-time>} line with the {@code r=} repeat lines that follow it (RFC 8866 §5.9,
 * §5.10). Times are NTP seconds; JSEP sessions are unbounded, {@code t=0 0} (RFC 8829 §5.2.1). Repeat lines are
 * kept as written.
 */
public record Timing(long startTimeNtpSeconds, long stopTimeNtpSeconds, List<String> repeats) {
    /** {@code t=0 0}: an unbounded, permanent session. */
    public static final Timing PERMANENT = new Timing(0, 0, List.of());

    public Timing {
        if (startTimeNtpSeconds < 0 || stopTimeNtpSeconds < 0) {
            throw new IllegalArgumentException("t= times must not be negative");
        }
        repeats = List.copyOf(repeats);
        for (String r : repeats) {
            SdpSyntax.requireText(r, "r= line");
        }
    }

    static Timing parse(String value) {
        String[] f = value.split(" ", -1);
        if (f.length != 2) {
            throw new IllegalArgumentException(
                    "t= needs 2 fields separated by a single space (<start-time> <stop-time>), got " + f.length);
        }
        return new Timing(SdpSyntax.parseCanonicalLong(f[0], 0, Long.MAX_VALUE, "t= start time"),
                SdpSyntax.parseCanonicalLong(f[1], 0, Long.MAX_VALUE, "t= stop time"), List.of());
    }

    Timing withRepeat(String repeat) {
        List<String> r = new ArrayList<>(repeats);
        r.add(repeat);
        return new Timing(startTimeNtpSeconds, stopTimeNtpSeconds, r);
    }

    public String toSdpValue() {
        return startTimeNtpSeconds + " " + stopTimeNtpSeconds;
    }
}
