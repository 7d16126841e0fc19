package org.opensfu.core.rtcp;

import org.opensfu.core.util.Bytes;

/**
 * What sender and receiver reports share (RFC 3550 §6.4.1 and §6.4.2): the reporter's SSRC after
 * the header, RC report blocks at a fixed position, then optional profile-specific extensions.
 * Read block fields with {@link ReportBlock} at {@link #reportBlockOffset(int)}.
 */
public abstract class RtcpReportView extends RtcpPacketView {
    private int firstBlock; // relative to off

    /** Validates the header, {@code firstBlockOffset} bytes before the blocks, and RC blocks. */
    protected final boolean wrapReport(byte[] b, int o, int l, int packetType, int firstBlockOffset) {
        if (!wrapHeader(b, o, l, packetType, -1, firstBlockOffset)) {
            return false;
        }
        if (firstBlockOffset + ReportBlock.LENGTH * reportCount() > contentLength) {
            buf = null;
            return false;
        }
        firstBlock = firstBlockOffset;
        return true;
    }

    /** SSRC of the packet's sender (the reporter). */
    public final int senderSsrc() {
        return Bytes.readInt32(buf, off + 4);
    }

    /** Number of report blocks (RC), 0..31. */
    public final int reportCount() {
        return countOrFormat();
    }

    /** Absolute offset of report block {@code i}, for the {@link ReportBlock} readers. */
    public final int reportBlockOffset(int i) {
        return off + firstBlock + ReportBlock.LENGTH * i;
    }

    /** Absolute offset of the profile-specific extension after the blocks. */
    public final int profileExtensionOffset() {
        return reportBlockOffset(reportCount());
    }

    /** Length of the profile-specific extension in bytes (0 if none). */
    public final int profileExtensionLength() {
        return off + contentLength - profileExtensionOffset();
    }
}
