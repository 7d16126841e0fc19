package org.opensfu.core.rtcp;

import org.opensfu.core.util.Bytes;

/**
 * Reusable view and writer of a receiver estimated maximum bitrate message: application layer
 * feedback, PSFB (PT 206) FMT 15, identifier "REMB" (draft-alvestrand-rmcat-remb-03 §2.2).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| FMT=15  |   PT=206      |             length            |
 * |                  SSRC of packet sender                        |
 * |                  SSRC of media source (0)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Unique identifier 'R' 'E' 'M' 'B'                            |
 * |  Num SSRC     | BR Exp    |  BR Mantissa (18 bits)            |
 * |   SSRC feedback (Num SSRC times)                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * bitrate (bps) = mantissa * 2^exp
 * </pre>
 */
public final class Remb extends RtcpFeedbackView {
    /** The four identifier bytes "REMB" as a big-endian int. */
    public static final int IDENTIFIER = ('R' << 24) | ('E' << 16) | ('M' << 8) | 'B';
    /** Largest mantissa (18 bits). */
    public static final int MAX_MANTISSA = (1 << 18) - 1;
    private static final int SSRCS_OFFSET = FCI_OFFSET + 8;

    /** Wraps one REMB; false for any other packet, including other PSFB FMT 15 messages. */
    public boolean wrap(byte[] b, int o, int l) {
        if (!wrapHeader(b, o, l, RtcpPacketType.PSFB, RtcpPacketType.FMT_PSFB_AFB, SSRCS_OFFSET)) {
            return false;
        }
        if (Bytes.readInt32(b, o + FCI_OFFSET) != IDENTIFIER
                || SSRCS_OFFSET + 4 * (b[o + FCI_OFFSET + 4] & 0xFF) > contentLength) {
            buf = null;
            return false;
        }
        return true;
    }

    /** Number of SSRCs the estimate applies to. */
    public int ssrcCount() {
        return buf[off + FCI_OFFSET + 4] & 0xFF;
    }

    /** SSRC {@code i} the estimate applies to. */
    public int ssrc(int i) {
        return Bytes.readInt32(buf, off + SSRCS_OFFSET + 4 * i);
    }

    /** The 6-bit exponent. */
    public int bitrateExponent() {
        return (buf[off + FCI_OFFSET + 5] & 0xFF) >>> 2;
    }

    /** The 18-bit mantissa. */
    public int bitrateMantissa() {
        return Bytes.readUint24(buf, off + FCI_OFFSET + 5) & MAX_MANTISSA;
    }

    /** Estimated maximum bitrate in bits per second, saturated at {@link Long#MAX_VALUE}. */
    public long bitrateBps() {
        long mantissa = bitrateMantissa();
        int exp = bitrateExponent();
        if (mantissa != 0 && exp > Long.numberOfLeadingZeros(mantissa) - 1) {
            return Long.MAX_VALUE;
        }
        return mantissa << exp;
    }

    /**
     * Writes a REMB for {@code ssrcs[0, count)} (0..255) with {@code bitrateBps} (not negative)
     * encoded as 18-bit mantissa and 6-bit exponent, rounding down; returns the length in bytes.
     * Throws {@link IllegalArgumentException} / {@link IndexOutOfBoundsException}, writing nothing.
     */
    public static int write(byte[] dst, int off, int senderSsrc, long bitrateBps, int[] ssrcs, int count) {
        if (bitrateBps < 0 || count < 0 || count > 255) {
            throw new IllegalArgumentException("REMB needs bitrate >= 0 and 0..255 SSRCs");
        }
        int exp = Math.max(0, 64 - Long.numberOfLeadingZeros(bitrateBps) - 18);
        int mantissa = (int) (bitrateBps >>> exp);
        int length = SSRCS_OFFSET + 4 * count;
        RtcpHeader.checkCapacity(dst, off, length);
        writeFeedbackHeader(dst, off, RtcpPacketType.PSFB, RtcpPacketType.FMT_PSFB_AFB, length, senderSsrc, 0);
        Bytes.writeInt32(dst, off + FCI_OFFSET, IDENTIFIER);
        Bytes.writeInt32(dst, off + FCI_OFFSET + 4, (count << 24) | (exp << 18) | mantissa);
        for (int i = 0; i < count; i++) {
            Bytes.writeInt32(dst, off + SSRCS_OFFSET + 4 * i, ssrcs[i]);
        }
        return length;
    }
}
