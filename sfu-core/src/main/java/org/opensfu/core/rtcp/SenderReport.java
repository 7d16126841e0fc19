package org.opensfu.core.rtcp;

import org.opensfu.core.util.Bytes;

/**
 * Reusable view of a sender report, PT 200 (RFC 3550 §6.4.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    RC   |   PT=SR=200   |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         SSRC of sender                        |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |              NTP timestamp, most significant word             |
 * |             NTP timestamp, least significant word             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         RTP timestamp                         |
 * |                     sender's packet count                     |
 * |                      sender's octet count                     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 report block 1 .. RC ({@link ReportBlock})     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                  profile-specific extensions                  |
 * </pre>
 */
public final class SenderReport extends RtcpReportView {
    /** Bytes before the first report block. */
    public static final int REPORT_BLOCKS_OFFSET = 28;

    /** Wraps one SR packet; false if it is not a well-formed SR (never throws). */
    public boolean wrap(byte[] b, int o, int l) {
        return wrapReport(b, o, l, RtcpPacketType.SR, REPORT_BLOCKS_OFFSET);
    }

    /** 64-bit NTP timestamp (32.32 fixed-point seconds since 1900), as a bit pattern. */
    public long ntpTimestamp() {
        return Bytes.readInt64(buf, off + 8);
    }

    /** RTP timestamp corresponding to {@link #ntpTimestamp()}, unsigned. */
    public long rtpTimestamp() {
        return Bytes.readUint32(buf, off + 16);
    }

    /** Sender's packet count, unsigned. */
    public long senderPacketCount() {
        return Bytes.readUint32(buf, off + 20);
    }

    /** Sender's octet count (payload bytes), unsigned. */
    public long senderOctetCount() {
        return Bytes.readUint32(buf, off + 24);
    }

    /** Absolute offset of report block {@code i} of an SR written at {@code packetOff}. */
    public static int reportBlockOffset(int packetOff, int i) {
        return packetOff + REPORT_BLOCKS_OFFSET + ReportBlock.LENGTH * i;
    }

    /**
     * Writes an SR with {@code reportCount} report blocks, zero-filled; fill them in place with
     * {@link ReportBlock#write} at {@link #reportBlockOffset(int, int)}. Returns the length in
     * bytes. Throws {@link IndexOutOfBoundsException} (writing nothing) if {@code dst} is too small.
     */
    public static int write(byte[] dst, int off, int senderSsrc, long ntpTimestamp, long rtpTimestamp,
            long senderPacketCount, long senderOctetCount, int reportCount) {
        int length = REPORT_BLOCKS_OFFSET + ReportBlock.LENGTH * reportCount;
        RtcpHeader.checkCapacity(dst, off, length);
        RtcpHeader.write(dst, off, reportCount, RtcpPacketType.SR, length);
        Bytes.writeInt32(dst, off + 4, senderSsrc);
        Bytes.writeInt64(dst, off + 8, ntpTimestamp);
        Bytes.writeUint32(dst, off + 16, rtpTimestamp);
        Bytes.writeUint32(dst, off + 20, senderPacketCount);
        Bytes.writeUint32(dst, off + 24, senderOctetCount);
        java.util.Arrays.fill(dst, off + REPORT_BLOCKS_OFFSET, off + length, (byte) 0);
        return length;
    }
}
