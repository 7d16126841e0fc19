package org.opensfu.core.rtcp;

import java.nio.charset.StandardCharsets;
import org.opensfu.core.util.Bytes;

/**
 * Reusable view of a goodbye packet, PT 203 (RFC 3550 §6.6): the SSRC/CSRCs leaving and an
 * optional reason.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    SC   |   PT=BYE=203  |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           SSRC/CSRC  (SC times)               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     length    |   reason for leaving (optional) ... | 0 pad   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Bye extends RtcpPacketView {
    /** Wraps one BYE packet; false if it is not a well-formed BYE (never throws). */
    public boolean wrap(byte[] b, int o, int l) {
        if (!wrapHeader(b, o, l, RtcpPacketType.BYE, -1, RtcpHeader.LENGTH)) {
            return false;
        }
        int reasonPos = RtcpHeader.LENGTH + 4 * RtcpHeader.countOrFormat(b, o);
        if (reasonPos > contentLength
                || (reasonPos < contentLength && reasonPos + 1 + (b[o + reasonPos] & 0xFF) > contentLength)) {
            buf = null;
            return false;
        }
        return true;
    }

    /** Number of SSRC/CSRC identifiers (SC). */
    public int ssrcCount() {
        return countOrFormat();
    }

    /** Identifier {@code i}, below {@link #ssrcCount()}. */
    public int ssrc(int i) {
        return Bytes.readInt32(buf, off + RtcpHeader.LENGTH + 4 * i);
    }

    private int reasonLengthPos() {
        return off + RtcpHeader.LENGTH + 4 * ssrcCount();
    }

    /** True if a reason is present (its length may still be 0). */
    public boolean hasReason() {
        return reasonLengthPos() < off + contentLength;
    }

    /** Absolute offset of the reason text; meaningful when {@link #hasReason()}. */
    public int reasonOffset() {
        return reasonLengthPos() + 1;
    }

    /** Length of the reason text in bytes, 0 when absent. */
    public int reasonLength() {
        return hasReason() ? buf[reasonLengthPos()] & 0xFF : 0;
    }

    /** The reason as UTF-8 text, or null. Allocates: for logs. */
    public String reason() {
        return hasReason() ? new String(buf, reasonOffset(), reasonLength(), StandardCharsets.UTF_8) : null;
    }

    /**
     * Writes a BYE for {@code ssrcs[0, count)} (count 0..31) with an optional {@code reason}
     * (null for none, at most 255 bytes); returns the length in bytes. Throws
     * {@link IllegalArgumentException} / {@link IndexOutOfBoundsException} (writing nothing) for
     * bad arguments or a too small {@code dst}.
     */
    public static int write(byte[] dst, int off, int[] ssrcs, int count, byte[] reason) {
        if (count < 0 || count > 31) {
            throw new IllegalArgumentException("BYE source count out of 0..31: " + count);
        }
        if (reason != null && reason.length > 255) {
            throw new IllegalArgumentException("BYE reason longer than 255 bytes");
        }
        int body = RtcpHeader.LENGTH + 4 * count;
        int length = reason == null ? body : RtcpHeader.pad4(body + 1 + reason.length);
        RtcpHeader.checkCapacity(dst, off, length);
        RtcpHeader.write(dst, off, count, RtcpPacketType.BYE, length);
        for (int i = 0; i < count; i++) {
            Bytes.writeInt32(dst, off + RtcpHeader.LENGTH + 4 * i, ssrcs[i]);
        }
        if (reason != null) {
            java.util.Arrays.fill(dst, off + body, off + length, (byte) 0);
            dst[off + body] = (byte) reason.length;
            System.arraycopy(reason, 0, dst, off + body + 1, reason.length);
        }
        return length;
    }
}
