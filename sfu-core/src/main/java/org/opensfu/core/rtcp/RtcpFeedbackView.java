package org.opensfu.core.rtcp;

import org.opensfu.core.util.Bytes;

/**
 * Common part of RTCP feedback messages (RTPFB and PSFB), RFC 4585 §6.1.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|   FMT   |       PT      |          length               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :            Feedback Control Information (FCI)                 :
 * </pre>
 */
public abstract class RtcpFeedbackView extends RtcpPacketView {
    /** Bytes before the FCI: header and the two SSRCs. */
    public static final int FCI_OFFSET = 12;

    /** SSRC of the packet sender. */
    public final int senderSsrc() {
        return Bytes.readInt32(buf, off + 4);
    }

    /** SSRC of the media source the feedback is about. */
    public final int mediaSsrc() {
        return Bytes.readInt32(buf, off + 8);
    }

    /**
     * Writes header and both SSRCs of a {@code lengthBytes}-byte feedback message. Callers check
     * the capacity first.
     */
    static void writeFeedbackHeader(byte[] dst, int off, int packetType, int format, int lengthBytes,
            int senderSsrc, int mediaSsrc) {
        RtcpHeader.write(dst, off, format, packetType, lengthBytes);
        Bytes.writeInt32(dst, off + 4, senderSsrc);
        Bytes.writeInt32(dst, off + 8, mediaSsrc);
    }
}
