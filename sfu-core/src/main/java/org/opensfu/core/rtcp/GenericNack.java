package org.opensfu.core.rtcp;

import org.opensfu.core.util.Bytes;

/**
 * Reusable view and writer of a generic NACK, RTPFB (PT 205) FMT 1 (RFC 4585 §6.2.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=1  |    PT=205     |          length               |
 * |                  SSRC of packet sender                        |
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            PID                |             BLP               |  FCI entry, 1..n
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * PID: a lost sequence number; BLP bit i (LSB = bit 0) set: PID + i + 1 is lost too.
 * </pre>
 */
public final class GenericNack extends RtcpFeedbackView {
    /** Size of one PID/BLP entry. */
    public static final int ENTRY_LENGTH = 4;

    /** Wraps one generic NACK with at least one entry; false otherwise (never throws). */
    public boolean wrap(byte[] b, int o, int l) {
        return wrapHeader(b, o, l, RtcpPacketType.RTPFB, RtcpPacketType.FMT_RTPFB_NACK, FCI_OFFSET + ENTRY_LENGTH);
    }

    /** Number of PID/BLP entries. */
    public int entryCount() {
        return (contentLength - FCI_OFFSET) / ENTRY_LENGTH;
    }

    /** Packet ID (a lost sequence number) of entry {@code i}. */
    public int pid(int i) {
        return Bytes.readUint16(buf, off + FCI_OFFSET + ENTRY_LENGTH * i);
    }

    /** Bitmask of following lost packets of entry {@code i}. */
    public int blp(int i) {
        return Bytes.readUint16(buf, off + FCI_OFFSET + ENTRY_LENGTH * i + 2);
    }

    /**
     * Expands all entries into the lost sequence numbers (0..65535, in packet order, wrapping
     * after 65535) written to {@code out}; returns how many were written, at most
     * {@code out.length} (at most 17 per entry). No allocation.
     */
    public int lostSequenceNumbers(int[] out) {
        int n = 0;
        int entries = entryCount();
        for (int e = 0; e < entries && n < out.length; e++) {
            int pid = pid(e);
            int blp = blp(e);
            out[n++] = pid;
            for (int bit = 0; bit < 16 && n < out.length; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    out[n++] = (pid + bit + 1) & 0xFFFF;
                }
            }
        }
        return n;
    }

    /**
     * Packs {@code lost[0, count)} into PID/BLP entries at {@code fci} (or only counts them when
     * {@code dst} is null); returns the number of entries. A sequence number 1..16 after the
     * current PID (modulo 2^16) goes into its BLP, anything else starts a new entry, so any
     * order is encoded correctly and ascending order (with wrap) compactly.
     */
    private static int pack(int[] lost, int count, byte[] dst, int fci) {
        int entries = 0;
        int pid = -1;
        int blp = 0;
        for (int i = 0; i < count; i++) {
            int seq = lost[i] & 0xFFFF;
            int diff = (seq - pid) & 0xFFFF;
            if (pid >= 0 && diff == 0) {
                continue;
            }
            if (pid >= 0 && diff <= 16) {
                blp |= 1 << (diff - 1);
                continue;
            }
            if (pid >= 0 && dst != null) {
                writeEntry(dst, fci + ENTRY_LENGTH * (entries - 1), pid, blp);
            }
            pid = seq;
            blp = 0;
            entries++;
        }
        if (pid >= 0 && dst != null) {
            writeEntry(dst, fci + ENTRY_LENGTH * (entries - 1), pid, blp);
        }
        return entries;
    }

    private static void writeEntry(byte[] dst, int p, int pid, int blp) {
        Bytes.writeUint16(dst, p, pid);
        Bytes.writeUint16(dst, p + 2, blp);
    }

    /** Bytes {@link #write} needs for these lost sequence numbers. */
    public static int length(int[] lost, int count) {
        return FCI_OFFSET + ENTRY_LENGTH * pack(lost, count, null, 0);
    }

    /**
     * Writes a generic NACK for the sequence numbers {@code lost[0, count)} (count at least 1;
     * only the low 16 bits are used; duplicates of the current PID are dropped); returns the length
     * in bytes. Throws {@link IllegalArgumentException} / {@link IndexOutOfBoundsException},
     * writing nothing, for an empty list or a too small {@code dst}.
     */
    public static int write(byte[] dst, int off, int senderSsrc, int mediaSsrc, int[] lost, int count) {
        if (count < 1 || count > lost.length) {
            throw new IllegalArgumentException("NACK needs 1..lost.length sequence numbers: " + count);
        }
        int length = length(lost, count);
        RtcpHeader.checkCapacity(dst, off, length);
        writeFeedbackHeader(dst, off, RtcpPacketType.RTPFB, RtcpPacketType.FMT_RTPFB_NACK, length, senderSsrc, mediaSsrc);
        pack(lost, count, dst, off + FCI_OFFSET);
        return length;
    }
}
