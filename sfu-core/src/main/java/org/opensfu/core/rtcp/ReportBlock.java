package org.opensfu.core.rtcp;

import org.opensfu.core.util.Bytes;

/**
 * Reads and writes one 24-byte reception report block (RFC 3550 §6.4.1, shared by SR and RR)
 * at an absolute offset; pair it with {@link RtcpReportView#reportBlockOffset(int)}.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 SSRC_n (SSRC of the source)                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | fraction lost |  cumulative number of packets lost (signed)   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           extended highest sequence number received           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                interarrival jitter (RTP units)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |               last SR (LSR, compact NTP 16.16)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          delay since last SR (DLSR, 1/65536 seconds)          |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 *
 * Static helpers only: no state, no allocation. Offsets must point inside a validated packet.
 */
public final class ReportBlock {
    /** Size of a report block in bytes. */
    public static final int LENGTH = 24;
    /** Smallest value of the 24-bit signed cumulative-lost field. */
    public static final int MIN_CUMULATIVE_LOST = -(1 << 23);
    /** Largest value of the 24-bit signed cumulative-lost field. */
    public static final int MAX_CUMULATIVE_LOST = (1 << 23) - 1;

    private ReportBlock() {
    }

    /** SSRC of the source this block reports on. */
    public static int ssrc(byte[] b, int blockOff) {
        return Bytes.readInt32(b, blockOff);
    }

    /** Fraction lost since the previous report, as a fixed-point number 0..255 (divide by 256). */
    public static int fractionLost(byte[] b, int blockOff) {
        return b[blockOff + 4] & 0xFF;
    }

    /** Cumulative number of packets lost; a 24-bit signed value (negative with duplicates). */
    public static int cumulativeLost(byte[] b, int blockOff) {
        return Bytes.readInt24(b, blockOff + 5);
    }

    /** Extended highest sequence number received (cycles in the high 16 bits), unsigned. */
    public static long extendedHighestSequenceNumber(byte[] b, int blockOff) {
        return Bytes.readUint32(b, blockOff + 8);
    }

    /** Interarrival jitter in RTP timestamp units, unsigned. */
    public static long interarrivalJitterRtpUnits(byte[] b, int blockOff) {
        return Bytes.readUint32(b, blockOff + 12);
    }

    /** LSR: middle 32 bits of the NTP timestamp of the last SR received (16.16 seconds), 0 if none. */
    public static long lastSrCompactNtp(byte[] b, int blockOff) {
        return Bytes.readUint32(b, blockOff + 16);
    }

    /** DLSR: delay since that SR in units of 1/65536 s (compact NTP 16.16), 0 if none. */
    public static long delaySinceLastSrCompactNtp(byte[] b, int blockOff) {
        return Bytes.readUint32(b, blockOff + 20);
    }

    /** Converts a compact-NTP (16.16 fixed-point seconds) duration to microseconds. */
    public static long compactNtpToMicros(long compactNtp) {
        return (compactNtp * 1_000_000L) >>> 16;
    }

    /**
     * Writes a report block at {@code blockOff} ({@link #LENGTH} bytes). {@code cumulativeLost} is
     * clamped to the 24-bit signed range as RFC 3550 §6.4.1 asks; the other values are truncated
     * to their field widths.
     */
    public static void write(byte[] dst, int blockOff, int ssrc, int fractionLost, int cumulativeLost,
            long extendedHighestSequenceNumber, long interarrivalJitterRtpUnits, long lastSrCompactNtp,
            long delaySinceLastSrCompactNtp) {
        int lost = Math.max(MIN_CUMULATIVE_LOST, Math.min(MAX_CUMULATIVE_LOST, cumulativeLost));
        Bytes.writeInt32(dst, blockOff, ssrc);
        Bytes.writeUint8(dst, blockOff + 4, fractionLost);
        Bytes.writeUint24(dst, blockOff + 5, lost);
        Bytes.writeUint32(dst, blockOff + 8, extendedHighestSequenceNumber);
        Bytes.writeUint32(dst, blockOff + 12, interarrivalJitterRtpUnits);
        Bytes.writeUint32(dst, blockOff + 16, lastSrCompactNtp);
        Bytes.writeUint32(dst, blockOff + 20, delaySinceLastSrCompactNtp);
    }
}
