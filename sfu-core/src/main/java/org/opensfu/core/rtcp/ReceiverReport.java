package org.opensfu.core.rtcp;

import org.opensfu.core.util.Bytes;

/**
 * Reusable view of a receiver report, PT 201 (RFC 3550 §6.4.2).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    RC   |   PT=RR=201   |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     SSRC of packet sender                     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 report block 1 .. RC ({@link ReportBlock})     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                  profile-specific extensions                  |
 * </pre>
 */
public final class ReceiverReport extends RtcpReportView {
    /** Bytes before the first report block. */
    public static final int REPORT_BLOCKS_OFFSET = 8;

    /** Wraps one RR packet; false if it is not a well-formed RR (never throws). */
    public boolean wrap(byte[] b, int o, int l) {
        return wrapReport(b, o, l, RtcpPacketType.RR, REPORT_BLOCKS_OFFSET);
    }

    /** Absolute offset of report block {@code i} of an RR written at {@code packetOff}. */
    public static int reportBlockOffset(int packetOff, int i) {
        return packetOff + REPORT_BLOCKS_OFFSET + ReportBlock.LENGTH * i;
    }

    /**
     * Writes an RR with {@code reportCount} zero-filled report blocks (fill them with
     * {@link ReportBlock#write} at {@link #reportBlockOffset(int, int)}); returns the length in
     * bytes. Throws {@link IndexOutOfBoundsException} (writing nothing) if {@code dst} is too small.
     */
    public static int write(byte[] dst, int off, int senderSsrc, int reportCount) {
        int length = REPORT_BLOCKS_OFFSET + ReportBlock.LENGTH * reportCount;
        RtcpHeader.checkCapacity(dst, off, length);
        RtcpHeader.write(dst, off, reportCount, RtcpPacketType.RR, length);
        Bytes.writeInt32(dst, off + 4, senderSsrc);
        java.util.Arrays.fill(dst, off + REPORT_BLOCKS_OFFSET, off + length, (byte) 0);
        return length;
    }
}
