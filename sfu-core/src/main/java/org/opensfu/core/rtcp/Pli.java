package org.opensfu.core.rtcp;

/**
 * Reusable view and writer of a picture loss indication, PSFB (PT 206) FMT 1
 * (RFC 4585 §6.3.1): header and the two SSRCs, no FCI.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=1  |    PT=206     |          length=2             |
 * |                  SSRC of packet sender                        |
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Pli extends RtcpFeedbackView {
    /** Length of a PLI in bytes. */
    public static final int LENGTH = FCI_OFFSET;

    /** Wraps one PLI; false otherwise (never throws). Trailing FCI bytes are tolerated. */
    public boolean wrap(byte[] b, int o, int l) {
        return wrapHeader(b, o, l, RtcpPacketType.PSFB, RtcpPacketType.FMT_PSFB_PLI, FCI_OFFSET);
    }

    /**
     * Writes a PLI asking {@code mediaSsrc} for a key frame; returns {@value #LENGTH}. Throws
     * {@link IndexOutOfBoundsException} (writing nothing) if {@code dst} is too small.
     */
    public static int write(byte[] dst, int off, int senderSsrc, int mediaSsrc) {
        RtcpHeader.checkCapacity(dst, off, LENGTH);
        writeFeedbackHeader(dst, off, RtcpPacketType.PSFB, RtcpPacketType.FMT_PSFB_PLI, LENGTH, senderSsrc, mediaSsrc);
        return LENGTH;
    }
}
