package org.opensfu.loadgen.media;

import org.opensfu.core.rtp.RtpPacket;
import org.opensfu.core.util.Bytes;

/**
 * Writes an RTP fixed header (RFC 3550 §5.1) followed by a one-byte-form header extension block (RFC 8285 §4.2) into a
 * caller's array, without allocating: {@link #begin}, then any number of {@code extension...} calls, then
 * {@link #end}, which pads the block to a 32-bit boundary, fills in its length and returns where the payload starts.
 *
 * <pre>
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * |                           timestamp                           |
 * |                             SSRC                              |
 * |            0xBEDE             |           length              |
 * |  ID  | L=len-1 |  data ...    |  ID  | L | data ...  | 0 pad  |
 * </pre>
 *
 * Reusable, not thread-safe (one per media thread or per sender).
 */
public final class RtpHeaderWriter {
    /** Largest one-byte-form element: 16 data bytes (L = 15). */
    public static final int MAX_ELEMENT_BYTES = 16;

    private byte[] buf;
    private int start;
    private int position;
    private int blockStart;

    /** Writes the fixed header at {@code buf[off]} (V=2, no padding, no CSRC) and opens the extension block. */
    public RtpHeaderWriter begin(byte[] buf, int off, int payloadType, boolean marker, int sequenceNumber,
                                 long timestamp, int ssrc) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType);
        }
        this.buf = buf;
        this.start = off;
        buf[off] = (byte) 0x90; // V=2, X=1: every packet we send carries extensions
        buf[off + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        Bytes.writeUint16(buf, off + 2, sequenceNumber & 0xFFFF);
        Bytes.writeUint32(buf, off + 4, timestamp & 0xFFFFFFFFL);
        Bytes.writeInt32(buf, off + 8, ssrc);
        blockStart = off + RtpPacket.FIXED_HEADER_LENGTH;
        Bytes.writeUint16(buf, blockStart, RtpPacket.PROFILE_ONE_BYTE);
        position = blockStart + 4;
        return this;
    }

    /** Appends an element holding the low {@code lengthBytes} bytes (1..8) of {@code value}, big-endian. */
    public RtpHeaderWriter extension(int id, long value, int lengthBytes) {
        checkElement(id, lengthBytes);
        if (lengthBytes > 8) {
            throw new IllegalArgumentException("numeric element of " + lengthBytes + " bytes");
        }
        buf[position++] = (byte) (id << 4 | (lengthBytes - 1));
        for (int i = lengthBytes - 1; i >= 0; i--) {
            buf[position++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    /** Appends an element holding {@code value} (1..16 ASCII bytes, e.g. a MID or a RID). */
    public RtpHeaderWriter extension(int id, byte[] value) {
        checkElement(id, value.length);
        buf[position++] = (byte) (id << 4 | (value.length - 1));
        System.arraycopy(value, 0, buf, position, value.length);
        position += value.length;
        return this;
    }

    /** Where the next element's data will start (to remember the position of a value that is written later). */
    public int nextDataOffset() {
        return position + 1;
    }

    /** Pads and closes the extension block; returns the header length (the payload starts there). */
    public int end() {
        while (((position - blockStart) & 3) != 0) {
            buf[position++] = 0; // padding bytes (RFC 8285 §4.1)
        }
        int words = (position - blockStart - 4) / 4;
        Bytes.writeUint16(buf, blockStart + 2, words);
        if (words == 0) {
            buf[start] = (byte) 0x80; // no element: drop the empty block and the X bit
            position = blockStart;
        }
        return position - start;
    }

    private static void checkElement(int id, int lengthBytes) {
        if (id < 1 || id > 14) {
            throw new IllegalArgumentException("one-byte extension IDs are 1..14: " + id);
        }
        if (lengthBytes < 1 || lengthBytes > MAX_ELEMENT_BYTES) {
            throw new IllegalArgumentException("one-byte extension elements hold 1..16 bytes: " + lengthBytes);
        }
    }
}
