package org.opensfu.core.rtcp;

import org.opensfu.core.util.Bytes;

/**
 * The 4-byte header common to every RTCP packet (RFC 3550 §6.4.1, §6.1; RFC 4585 §6.1 names the
 * count field FMT in feedback messages).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| RC/FMT  |      PT       |   length (32-bit words - 1)   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Static helpers only; used by {@link RtcpIterator}, the typed views and the writers.
 */
public final class RtcpHeader {
    /** Header size in bytes. */
    public static final int LENGTH = 4;

    private RtcpHeader() {
    }

    /** Version field (2 for valid packets). */
    public static int version(byte[] b, int off) {
        return (b[off] & 0xFF) >>> 6;
    }

    /** The P bit. */
    public static boolean padding(byte[] b, int off) {
        return (b[off] & 0x20) != 0;
    }

    /** The 5-bit count field: report count, source count or feedback message type. */
    public static int countOrFormat(byte[] b, int off) {
        return b[off] & 0x1F;
    }

    /** The 8-bit packet type. */
    public static int packetType(byte[] b, int off) {
        return b[off + 1] & 0xFF;
    }

    /** The packet's total length in bytes as declared by its length field (header included). */
    public static int declaredLength(byte[] b, int off) {
        return (Bytes.readUint16(b, off + 2) + 1) * 4;
    }

    /**
     * Length without trailing padding of the single RTCP packet at {@code b[off, off + len)}, or -1
     * if it is not one well-formed packet: bounds, version 2, declared length equal to {@code len},
     * and when P is set a padding count of 1..(len - 4). Never throws.
     */
    public static int contentLength(byte[] b, int off, int len) {
        if (!Bytes.inBounds(b, off, len) || len < LENGTH || version(b, off) != 2
                || declaredLength(b, off) != len) {
            return -1;
        }
        if (!padding(b, off)) {
            return len;
        }
        int pad = b[off + len - 1] & 0xFF;
        return pad == 0 || pad > len - LENGTH ? -1 : len - pad;
    }

    /**
     * Writes a header without padding for a packet of {@code lengthBytes} bytes (a multiple of 4,
     * at least 4).
     */
    public static void write(byte[] dst, int off, int countOrFormat, int packetType, int lengthBytes) {
        if (lengthBytes < LENGTH || (lengthBytes & 3) != 0 || lengthBytes > 65536 * 4) {
            throw new IllegalArgumentException("RTCP length must be a multiple of 4 in 4..262144: " + lengthBytes);
        }
        if (countOrFormat < 0 || countOrFormat > 31) {
            throw new IllegalArgumentException("count/FMT out of 0..31: " + countOrFormat);
        }
        dst[off] = (byte) (0x80 | countOrFormat);
        dst[off + 1] = (byte) packetType;
        Bytes.writeUint16(dst, off + 2, lengthBytes / 4 - 1);
    }

    /**
     * Throws {@link IndexOutOfBoundsException} unless {@code dst[off, off + size)} exists; writers
     * call it before writing anything, so a too-small buffer is left untouched.
     */
    static void checkCapacity(byte[] dst, int off, int size) {
        java.util.Objects.checkFromIndexSize(off, size, dst.length);
    }

    /** {@code n} rounded up to a multiple of 4. */
    static int pad4(int n) {
        return (n + 3) & ~3;
    }
}
