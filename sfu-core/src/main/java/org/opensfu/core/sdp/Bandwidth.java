package org.opensfu.core.sdp;

/**
 * A {@code b=<bwtype>:<bandwidth>} line (RFC 8866 §5.8). The unit depends on the type: {@code AS} and {@code CT}
 * are kilobits per second (RFC 8866 §5.8), {@code TIAS} is bits per second (RFC 3890 §6.2).
 */
public record Bandwidth(String type, long bandwidth) {
    public static final String AS = "AS";
    public static final String TIAS = "TIAS";

    public Bandwidth {
        SdpSyntax.requireToken(type, "b= bandwidth type");
        if (bandwidth < 0) {
            throw new IllegalArgumentException("b= bandwidth must not be negative");
        }
    }

    /** {@code b=AS:<kbps>}: application-specific maximum in kilobits per second. */
    public static Bandwidth applicationSpecific(long kilobitsPerSecond) {
        return new Bandwidth(AS, kilobitsPerSecond);
    }

    /** {@code b=TIAS:<bps>}: transport-independent maximum in bits per second. */
    public static Bandwidth tias(long bitsPerSecond) {
        return new Bandwidth(TIAS, bitsPerSecond);
    }

    static Bandwidth parse(String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("b= needs <bwtype>:<bandwidth>");
        }
        return new Bandwidth(value.substring(0, colon), SdpSyntax.parseCanonicalLong(value.substring(colon + 1), 0,
                Long.MAX_VALUE, "b= bandwidth"));
    }

    public String toSdpValue() {
        return type + ":" + bandwidth;
    }
}
