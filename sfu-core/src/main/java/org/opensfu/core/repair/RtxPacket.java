package org.opensfu.core.repair;

import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.rtp.RtpPacket;
import org.opensfu.core.util.Bytes;

/**
 * Builds and unpacks RTP retransmission packets in session-multiplexing mode (RFC 4588 §4, §8.3).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            original RTP header, with the RTX stream's          |
 * |            SSRC, payload type and sequence number              |
 * |            (timestamp, marker, CSRCs and extensions kept)      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            OSN                |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
 * |                  original RTP packet payload                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * OSN: the original sequence number (RFC 4588 §4).
 * </pre>
 *
 * <p>Nothing is allocated and nothing throws: {@link #write} returns 0 and {@link #restore} false for input that does
 * not fit.
 */
public final class RtxPacket {
    /** Size of the original sequence number field. */
    public static final int OSN_LENGTH = 2;

    private RtxPacket() {
    }

    /**
     * Writes the RTX packet carrying {@code original} at {@code dst[dstOff]}: the original header (fixed part, CSRCs,
     * extension block) with SSRC, payload type and sequence number replaced and the padding bit cleared, then the
     * original sequence number, then the original payload without its padding. Returns the length written, or 0
     * (nothing written) when {@code original} is not wrapped or {@code dst} is too small.
     *
     * <p>{@code dst} may be the original's own array, overlapping it (e.g. the same offset, converting in place, which
     * needs {@value #OSN_LENGTH} bytes after the packet: the tail room of a {@link PacketBuffer} has them).
     *
     * @param original          the packet as the receiver knows it: its sequence number becomes the OSN, so rewrite
     *                          it to the receiver's numbering first
     * @param rtxSequenceNumber the RTX stream's own sequence number (low 16 bits used)
     */
    public static int write(byte[] dst, int dstOff, RtpPacket original, int rtxSsrc, int rtxPayloadType,
                            int rtxSequenceNumber) {
        byte[] src = original.buffer();
        if (src == null) {
            return 0;
        }
        int srcOff = original.offset();
        int headerLength = original.headerLength();
        int payloadLength = original.payloadLength();
        int length = headerLength + OSN_LENGTH + payloadLength;
        if (!Bytes.inBounds(dst, dstOff, length)) {
            return 0;
        }
        int osn = original.sequenceNumber();
        int payloadOff = original.payloadOffset();
        // order the copies so that neither overwrites bytes the other still has to read when dst overlaps src
        if (dst != src || dstOff <= srcOff) {
            System.arraycopy(src, srcOff, dst, dstOff, headerLength);
            System.arraycopy(src, payloadOff, dst, dstOff + headerLength + OSN_LENGTH, payloadLength);
        } else {
            System.arraycopy(src, payloadOff, dst, dstOff + headerLength + OSN_LENGTH, payloadLength);
            System.arraycopy(src, srcOff, dst, dstOff, headerLength);
        }
        Bytes.writeUint16(dst, dstOff + headerLength, osn);
        dst[dstOff] = (byte) (dst[dstOff] & ~0x20); // P: the original padding is not carried
        dst[dstOff + 1] = (byte) ((dst[dstOff + 1] & 0x80) | (rtxPayloadType & 0x7F));
        Bytes.writeUint16(dst, dstOff + 2, rtxSequenceNumber);
        Bytes.writeInt32(dst, dstOff + 8, rtxSsrc);
        return length;
    }

    /**
     * Turns a received RTX packet back into the original, in place: the header moves {@value #OSN_LENGTH} bytes
     * forward over the OSN (the payload stays where it is), the OSN becomes the sequence number, and SSRC and payload
     * type become the media stream's. {@code rtx}'s offset and length are updated and {@code rtxView} is re-wrapped on
     * the restored packet. Padding the RTX packet carried stays, as valid padding of the restored packet.
     *
     * <p>Returns false, changing nothing, when {@code rtxView} is not wrapped on exactly {@code rtx}'s bytes, or when
     * the payload is shorter than the OSN: a padding-only RTX packet (a bandwidth probe) carries no packet to restore.
     */
    public static boolean restore(PacketBuffer rtx, RtpPacket rtxView, int mediaSsrc, int mediaPayloadType) {
        byte[] buf = rtxView.buffer();
        if (buf == null || buf != rtx.array() || rtxView.offset() != rtx.offset() || rtxView.length() != rtx.length()
                || rtxView.payloadLength() < OSN_LENGTH) {
            return false;
        }
        int off = rtxView.offset();
        int headerLength = rtxView.headerLength();
        int osn = Bytes.readUint16(buf, rtxView.payloadOffset());
        int newOff = off + OSN_LENGTH;
        int newLength = rtxView.length() - OSN_LENGTH;
        System.arraycopy(buf, off, buf, newOff, headerLength);
        Bytes.writeUint16(buf, newOff + 2, osn);
        Bytes.writeInt32(buf, newOff + 8, mediaSsrc);
        buf[newOff + 1] = (byte) ((buf[newOff + 1] & 0x80) | (mediaPayloadType & 0x7F));
        rtx.setOffsetAndLength(newOff, newLength);
        return rtxView.wrap(buf, newOff, newLength);
    }

    /** The original sequence number carried by a wrapped RTX packet, or -1 when its payload is too short. */
    public static int originalSequenceNumber(RtpPacket rtxView) {
        if (rtxView.buffer() == null || rtxView.payloadLength() < OSN_LENGTH) {
            return -1;
        }
        return Bytes.readUint16(rtxView.buffer(), rtxView.payloadOffset());
    }
}
