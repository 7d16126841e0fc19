package org.opensfu.core.rtcp;

import org.opensfu.core.util.Bytes;

/**
 * Reusable cursor over the packets of a compound RTCP packet (RFC 3550 §6.1; header layout in
 * {@link RtcpHeader}, §6.4.1). Also works for a single, non-compound packet (RFC 5506
 * reduced-size RTCP, as Chrome sends its feedback).
 *
 * <pre>
 * [SR or RR][SDES][...]          each packet: V=2, length field = words - 1
 * |&lt;------ len bytes ------&gt;|   the lengths must add up exactly to len
 * </pre>
 *
 * <p>Usage: {@code if (it.wrap(buf, off, len)) while (it.next()) switch (it.packetType()) ...}.
 * Iteration stops at the first packet that is malformed: fewer than 4 bytes left, version other
 * than 2, a length field running past the end, or a P bit with a padding count of 0 or larger
 * than the packet. {@link #isMalformed()} then returns {@code true}; the packets returned before
 * it were well-formed. The order rules of RFC 3550 §6.1 (first packet SR/RR) are not enforced.
 * Never throws, never allocates.
 */
public final class RtcpIterator {
    private byte[] buf;
    private int end;
    private int pos;
    private int packetOffset;
    private int packetLength;
    private boolean malformed;

    /**
     * Starts iterating {@code buf[off, off + len)}. Returns {@code false} (and {@link #next()}
     * returns {@code false}) when the arguments are out of bounds; an empty range is valid and
     * holds no packets.
     */
    public boolean wrap(byte[] buf, int off, int len) {
        packetOffset = -1;
        packetLength = 0;
        if (!Bytes.inBounds(buf, off, len)) {
            this.buf = null;
            pos = end = 0;
            malformed = true;
            return false;
        }
        this.buf = buf;
        pos = off;
        end = off + len;
        malformed = false;
        return true;
    }

    /** Moves to the next packet; {@code false} at the end or on a malformed packet. */
    public boolean next() {
        if (malformed || pos >= end) {
            return false;
        }
        int remaining = end - pos;
        if (remaining < RtcpHeader.LENGTH || RtcpHeader.version(buf, pos) != 2) {
            return fail();
        }
        int length = RtcpHeader.declaredLength(buf, pos);
        if (length > remaining) {
            return fail();
        }
        if (RtcpHeader.padding(buf, pos)) {
            int pad = buf[pos + length - 1] & 0xFF;
            if (pad == 0 || pad > length - RtcpHeader.LENGTH) {
                return fail();
            }
        }
        packetOffset = pos;
        packetLength = length;
        pos += length;
        return true;
    }

    private boolean fail() {
        malformed = true;
        packetOffset = -1;
        packetLength = 0;
        return false;
    }

    /** True once iteration met a malformed packet (or {@link #wrap} got bad arguments). */
    public boolean isMalformed() {
        return malformed;
    }

    /** The wrapped array. */
    public byte[] buffer() {
        return buf;
    }

    /** PT of the current packet. */
    public int packetType() {
        return RtcpHeader.packetType(buf, packetOffset);
    }

    /** The 5-bit RC/SC/FMT field of the current packet. */
    public int countOrFormat() {
        return RtcpHeader.countOrFormat(buf, packetOffset);
    }

    /** Absolute offset of the current packet in {@link #buffer()}. */
    public int packetOffset() {
        return packetOffset;
    }

    /** Length of the current packet in bytes, header and padding included. */
    public int packetLength() {
        return packetLength;
    }
}
