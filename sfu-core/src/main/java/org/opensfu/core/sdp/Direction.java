package org.opensfu.core.sdp;

import java.util.Optional;

/**
 * Media direction attributes {@code a=sendrecv / sendonly / recvonly / inactive} (RFC 8866 §6.7, offer/answer
 * rules in RFC 3264 §6.1), also used as the optional direction of {@code a=extmap} (RFC 8285 §5).
 */
public enum Direction {
    SENDRECV("sendrecv", true, true),
    SENDONLY("sendonly", true, false),
    RECVONLY("recvonly", false, true),
    INACTIVE("inactive", false, false);

    private final String sdpName;
    private final boolean sends;
    private final boolean receives;

    Direction(String sdpName, boolean sends, boolean receives) {
        this.sdpName = sdpName;
        this.sends = sends;
        this.receives = receives;
    }

    /** The attribute name, e.g. {@code "sendonly"}. */
    public String sdpName() {
        return sdpName;
    }

    /** True if the side that wrote this direction sends media. */
    public boolean sends() {
        return sends;
    }

    /** True if the side that wrote this direction receives media. */
    public boolean receives() {
        return receives;
    }

    /** The direction seen from the other side: sendonly and recvonly swap (RFC 3264 §6.1). */
    public Direction reversed() {
        return of(receives, sends);
    }

    /** The direction that sends and receives only where both this and {@code other} do. */
    public Direction intersect(Direction other) {
        return of(sends && other.sends, receives && other.receives);
    }

    public static Direction of(boolean sends, boolean receives) {
        return sends ? (receives ? SENDRECV : SENDONLY) : (receives ? RECVONLY : INACTIVE);
    }

    /** The direction with this attribute name (case-sensitive, as RFC 8866 spells them). */
    public static Optional<Direction> fromSdpName(String name) {
        for (Direction d : values()) {
            if (d.sdpName.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
