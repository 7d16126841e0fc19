package org.opensfu.core.rtcp;

import java.nio.charset.StandardCharsets;
import org.opensfu.core.util.Bytes;

/**
 * Reusable view of a source description packet, PT 202 (RFC 3550 §6.5), with a cursor over its
 * chunks and their items, and a CNAME writer (§6.5.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    SC   |  PT=SDES=202  |             length            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                          SSRC/CSRC_1                          |  chunk 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     type      |    length     |  value (length bytes) ...     |  items ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ... | 0 (end of items) | 0 padding to the next 32-bit boundary |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                          SSRC/CSRC_2 ...                      |  chunk 2
 * </pre>
 *
 * <p>{@link #wrap} walks every chunk once, so the cursor methods never leave the packet:
 * {@code while (sdes.nextChunk()) { int ssrc = sdes.chunkSsrc(); while (sdes.nextItem()) ... }}.
 * A chunk must end with a null octet, padded to a 32-bit boundary of the packet.
 */
public final class Sdes extends RtcpPacketView {
    /** SDES item type CNAME (RFC 3550 §6.5.1). */
    public static final int CNAME = 1;
    /** Largest item value in bytes. */
    public static final int MAX_ITEM_LENGTH = 255;

    private int chunkIndex;
    private int chunkPos;   // absolute offset of the current chunk's SSRC
    private int nextItemPos;
    private int itemPos;    // absolute offset of the current item's type octet

    /** Wraps one SDES packet; false if it is not a well-formed SDES (never throws). */
    public boolean wrap(byte[] b, int o, int l) {
        if (!wrapHeader(b, o, l, RtcpPacketType.SDES, -1, RtcpHeader.LENGTH)) {
            return false;
        }
        int end = o + contentLength;
        int p = o + RtcpHeader.LENGTH;
        for (int c = RtcpHeader.countOrFormat(b, o); c > 0; c--) {
            p = chunkEnd(b, o, p, end);
            if (p < 0) {
                buf = null;
                return false;
            }
        }
        rewind();
        return true;
    }

    /** End (absolute, after padding) of the chunk at {@code p}, or -1 if it overruns {@code end}. */
    private static int chunkEnd(byte[] b, int packetOff, int p, int end) {
        if (p + 4 > end) {
            return -1;
        }
        p += 4;
        while (true) {
            if (p >= end) {
                return -1;
            }
            if (b[p] == 0) {
                int next = packetOff + RtcpHeader.pad4(p + 1 - packetOff);
                return next <= end ? next : -1;
            }
            if (p + 2 > end || p + 2 + (b[p + 1] & 0xFF) > end) {
                return -1;
            }
            p += 2 + (b[p + 1] & 0xFF);
        }
    }

    /** Number of chunks (SC). */
    public int chunkCount() {
        return countOrFormat();
    }

    /** Puts the cursor back before the first chunk. */
    public void rewind() {
        chunkIndex = -1;
        chunkPos = -1;
        nextItemPos = -1;
        itemPos = -1;
    }

    /** Moves to the next chunk; false after the last one. */
    public boolean nextChunk() {
        if (chunkIndex + 1 >= chunkCount()) {
            return false;
        }
        chunkPos = chunkIndex < 0 ? off + RtcpHeader.LENGTH : chunkEnd(buf, off, chunkPos, off + contentLength);
        chunkIndex++;
        nextItemPos = chunkPos + 4;
        itemPos = -1;
        return true;
    }

    /** SSRC or CSRC of the current chunk. */
    public int chunkSsrc() {
        return Bytes.readInt32(buf, chunkPos);
    }

    /** Moves to the next item of the current chunk; false at its end. */
    public boolean nextItem() {
        if (nextItemPos < 0 || buf[nextItemPos] == 0) {
            return false;
        }
        itemPos = nextItemPos;
        nextItemPos += 2 + (buf[itemPos + 1] & 0xFF);
        return true;
    }

    /** Type of the current item (1 CNAME, 2 NAME, ... 8 PRIV, RFC 3550 §6.5). */
    public int itemType() {
        return buf[itemPos] & 0xFF;
    }

    /** Length in bytes of the current item's value, 0..255. */
    public int itemLength() {
        return buf[itemPos + 1] & 0xFF;
    }

    /** Absolute offset of the current item's value in {@link #buffer()}. */
    public int itemValueOffset() {
        return itemPos + 2;
    }

    /** The current item's value decoded as UTF-8. Allocates: for signalling and logs, not per packet. */
    public String itemValueAsString() {
        return new String(buf, itemValueOffset(), itemLength(), StandardCharsets.UTF_8);
    }

    /**
     * Positions the cursor on the first item of type {@code type} in the chunk of {@code ssrc};
     * returns false (cursor rewound) if there is none.
     */
    public boolean findItem(int ssrc, int type) {
        rewind();
        while (nextChunk()) {
            if (chunkSsrc() != ssrc) {
                continue;
            }
            while (nextItem()) {
                if (itemType() == type) {
                    return true;
                }
            }
        }
        rewind();
        return false;
    }

    /** {@link #findItem} for the CNAME of {@code ssrc}. */
    public boolean findCname(int ssrc) {
        return findItem(ssrc, CNAME);
    }

    /** Bytes needed by {@link #write(byte[], int, int[], byte[][], int)} for these CNAMEs. */
    public static int length(byte[][] cnames, int count) {
        int n = RtcpHeader.LENGTH;
        for (int i = 0; i < count; i++) {
            n += chunkLength(cnames[i]);
        }
        return n;
    }

    /** SSRC, CNAME item, null octet, padding. */
    private static int chunkLength(byte[] cname) {
        return RtcpHeader.pad4(4 + 2 + cname.length + 1);
    }

    private static void checkCname(byte[] cname) {
        if (cname.length > MAX_ITEM_LENGTH) {
            throw new IllegalArgumentException("CNAME longer than 255 bytes");
        }
    }

    private static int writeChunk(byte[] dst, int p, int ssrc, byte[] cname) {
        int chunkLength = chunkLength(cname);
        java.util.Arrays.fill(dst, p, p + chunkLength, (byte) 0);
        Bytes.writeInt32(dst, p, ssrc);
        dst[p + 4] = CNAME;
        dst[p + 5] = (byte) cname.length;
        System.arraycopy(cname, 0, dst, p + 6, cname.length);
        return chunkLength;
    }

    /**
     * Writes an SDES with one chunk holding the CNAME item {@code cname} (at most 255 bytes) of
     * {@code ssrc}; returns the length in bytes. Throws as {@link #write(byte[], int, int[], byte[][], int)}.
     */
    public static int write(byte[] dst, int off, int ssrc, byte[] cname) {
        checkCname(cname);
        int length = RtcpHeader.LENGTH + chunkLength(cname);
        RtcpHeader.checkCapacity(dst, off, length);
        RtcpHeader.write(dst, off, 1, RtcpPacketType.SDES, length);
        writeChunk(dst, off + RtcpHeader.LENGTH, ssrc, cname);
        return length;
    }

    /**
     * Writes an SDES with {@code count} (0..31) chunks, chunk i holding the CNAME
     * {@code cnames[i]} (at most 255 bytes) of {@code ssrcs[i]}; returns the length in bytes.
     * Throws {@link IllegalArgumentException} for bad counts or lengths and
     * {@link IndexOutOfBoundsException} if {@code dst} is too small, writing nothing in both cases.
     */
    public static int write(byte[] dst, int off, int[] ssrcs, byte[][] cnames, int count) {
        if (count < 0 || count > 31) {
            throw new IllegalArgumentException("SDES chunk count out of 0..31: " + count);
        }
        for (int i = 0; i < count; i++) {
            checkCname(cnames[i]);
        }
        int length = length(cnames, count);
        RtcpHeader.checkCapacity(dst, off, length);
        RtcpHeader.write(dst, off, count, RtcpPacketType.SDES, length);
        int p = off + RtcpHeader.LENGTH;
        for (int i = 0; i < count; i++) {
            p += writeChunk(dst, p, ssrcs[i], cnames[i]);
        }
        return length;
    }
}
