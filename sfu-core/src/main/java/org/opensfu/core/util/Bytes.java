package org.opensfu.core.util;

/**
 * Big-endian (network byte order, RFC 791 Appendix B / RFC 3550 §4) reads and writes on byte arrays.
 *
 * <p>The single place where RTP/RTCP parsers turn bytes into numbers. Methods do no bounds checking
 * of their own beyond the JVM's array checks: callers validate lengths first (parsers) or
 * check the destination capacity up front (writers).
 */
public final class Bytes {
    private Bytes() {
    }

    /** Unsigned 8-bit value at {@code off}. */
    public static int readUint8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    /** Unsigned 16-bit value at {@code off}, 0..65535. */
    public static int readUint16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    /** Signed 16-bit value at {@code off}, -32768..32767. */
    public static int readInt16(byte[] b, int off) {
        return (short) readUint16(b, off);
    }

    /** Unsigned 24-bit value at {@code off}, 0..16777215. */
    public static int readUint24(byte[] b, int off) {
        return ((b[off] & 0xFF) << 16) | ((b[off + 1] & 0xFF) << 8) | (b[off + 2] & 0xFF);
    }

    /** Two's-complement signed 24-bit value at {@code off}, -8388608..8388607. */
    public static int readInt24(byte[] b, int off) {
        return (readUint24(b, off) << 8) >> 8;
    }

    /** 32-bit value at {@code off} as a Java int (the bit pattern; e.g. for SSRCs). */
    public static int readInt32(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16)
                | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    /** Unsigned 32-bit value at {@code off}, 0..4294967295. */
    public static long readUint32(byte[] b, int off) {
        return readInt32(b, off) & 0xFFFF_FFFFL;
    }

    /** 64-bit value at {@code off} (e.g. an NTP timestamp; the bit pattern, compare unsigned). */
    public static long readInt64(byte[] b, int off) {
        return ((long) readInt32(b, off) << 32) | readUint32(b, off + 4);
    }

    /** Writes the low 8 bits of {@code v}. */
    public static void writeUint8(byte[] b, int off, int v) {
        b[off] = (byte) v;
    }

    /** Writes the low 16 bits of {@code v}. */
    public static void writeUint16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    /** Writes the low 24 bits of {@code v} (two's complement for negative values). */
    public static void writeUint24(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 16);
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) v;
    }

    /** Writes the 32 bits of {@code v}. */
    public static void writeInt32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    /** Writes the low 32 bits of {@code v} (for unsigned 32-bit fields held in a long). */
    public static void writeUint32(byte[] b, int off, long v) {
        writeInt32(b, off, (int) v);
    }

    /** Writes the 64 bits of {@code v}. */
    public static void writeInt64(byte[] b, int off, long v) {
        writeInt32(b, off, (int) (v >>> 32));
        writeInt32(b, off + 4, (int) v);
    }

    /**
     * True when {@code [off, off + len)} lies inside {@code b}; false for a null array or negative
     * values. Never throws, never overflows.
     */
    public static boolean inBounds(byte[] b, int off, int len) {
        return b != null && off >= 0 && len >= 0 && len <= b.length - off;
    }
}
