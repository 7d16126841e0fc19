package org.opensfu.core.rtcp;

import org.opensfu.core.util.Bytes;

/**
 * Reusable view and writer of a full intra request, PSFB (PT 206) FMT 4 (RFC 5104 §4.3.1).
 * The media-source SSRC field is unused (0); each FCI entry names the encoder to refresh.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=4  |    PT=206     |          length               |
 * |                  SSRC of packet sender                        |
 * |                  SSRC of media source (0)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                              SSRC                             |  FCI entry, 1..n
 * | Seq nr.       |    Reserved (0)                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Fir extends RtcpFeedbackView {
    /** Size of one FCI entry. */
    public static final int ENTRY_LENGTH = 8;

    /** Wraps one FIR with at least one entry; false otherwise (never throws). */
    public boolean wrap(byte[] b, int o, int l) {
        return wrapHeader(b, o, l, RtcpPacketType.PSFB, RtcpPacketType.FMT_PSFB_FIR, FCI_OFFSET + ENTRY_LENGTH);
    }

    /** Number of FCI entries. */
    public int entryCount() {
        return (contentLength - FCI_OFFSET) / ENTRY_LENGTH;
    }

    /** SSRC of the media sender asked to send a decoder refresh point, entry {@code i}. */
    public int entrySsrc(int i) {
        return Bytes.readInt32(buf, off + FCI_OFFSET + ENTRY_LENGTH * i);
    }

    /** Command sequence number of entry {@code i}, 0..255. */
    public int entrySequenceNumber(int i) {
        return buf[off + FCI_OFFSET + ENTRY_LENGTH * i + 4] & 0xFF;
    }

    /**
     * Writes a FIR with entries ({@code ssrcs[i]}, {@code sequenceNumbers[i]} & 0xFF) for i in
     * {@code [0, count)}, count at least 1; returns the length in bytes. Throws
     * {@link IllegalArgumentException} / {@link IndexOutOfBoundsException}, writing nothing.
     */
    public static int write(byte[] dst, int off, int senderSsrc, int[] ssrcs, int[] sequenceNumbers, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("FIR needs at least one entry");
        }
        int length = FCI_OFFSET + ENTRY_LENGTH * count;
        RtcpHeader.checkCapacity(dst, off, length);
        writeFeedbackHeader(dst, off, RtcpPacketType.PSFB, RtcpPacketType.FMT_PSFB_FIR, length, senderSsrc, 0);
        for (int i = 0; i < count; i++) {
            int p = off + FCI_OFFSET + ENTRY_LENGTH * i;
            Bytes.writeInt32(dst, p, ssrcs[i]);
            Bytes.writeInt32(dst, p + 4, (sequenceNumbers[i] & 0xFF) << 24);
        }
        return length;
    }
}
