package org.opensfu.core.rtcp;

import org.opensfu.core.util.Bytes;

/**
 * Reusable view of a transport-wide congestion control feedback message, RTPFB (PT 205) FMT 15
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1), with a cursor that decodes the
 * status of every packet it covers.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=15 |    PT=205     |           length              |
 * |                     SSRC of packet sender                     |
 * |                      SSRC of media source                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      base sequence number     |      packet status count      |
 * |      reference time (24-bit signed, x 64 ms)  | fb pkt. count |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          packet chunk         |         packet chunk  ...     |
 * |  recv delta   |  recv delta   |  recv delta (2 bytes) ...     |
 * |           ...                                 | zero padding  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * packet chunk (16 bits), §3.1.3 / §3.1.4:
 *   run length:     |0| S (2) |        run length (13)       |
 *   status vector:  |1|0|  14 x 1-bit symbols                |  0 not received, 1 small delta
 *                   |1|1|  7 x 2-bit symbols                 |  00 not received, 01 small, 10 large
 * recv delta (§3.1.5), units of 250 us: small = 1 byte unsigned, large = 2 bytes signed.
 * </pre>
 *
 * <p>{@link #wrap} validates the chunks against the status count and checks that every receive
 * delta fits in the packet (status count 0 and the reserved symbol 11 are malformed; a run
 * longer than the remaining status count is cut to it). Then {@link #nextPacket()} walks the
 * packets: {@code fb.rewind(); while (fb.nextPacket()) { fb.packetSequenceNumber(); ... }}, or
 * {@link #decode(long[])} fills an array. Arrival times are in microseconds relative to the
 * reference time ({@link #referenceTimeMicros()}). No allocation.
 */
public final class TransportCcFeedback extends RtcpFeedbackView {
    /** Bytes before the first packet chunk. */
    public static final int CHUNKS_OFFSET = 20;
    /** Unit of the reference time in microseconds (64 ms). */
    public static final long REFERENCE_TIME_UNIT_MICROS = 64_000;
    /** Unit of a receive delta in microseconds. */
    public static final long DELTA_UNIT_MICROS = 250;
    /** Marker {@link #decode(long[])} stores for packets that were not received. */
    public static final long NOT_RECEIVED = Long.MIN_VALUE;

    /** Symbols: what the 2-bit status means, and also how many delta bytes it has. */
    static final int SYMBOL_NOT_RECEIVED = 0;
    static final int SYMBOL_SMALL_DELTA = 1;
    static final int SYMBOL_LARGE_DELTA = 2;

    private int deltasOffset;   // absolute
    private int receivedCount;

    // cursor
    private int cIndex;
    private int cChunkPos;
    private int cChunk;
    private int cChunkLeft;
    private int cSymbolIndex;
    private int cDeltaPos;
    private int cSymbol;
    private long cTimeMicros;

    /** Wraps one transport-cc feedback; false if it is malformed (never throws). */
    public boolean wrap(byte[] b, int o, int l) {
        if (!wrapHeader(b, o, l, RtcpPacketType.RTPFB, RtcpPacketType.FMT_RTPFB_TRANSPORT_CC, CHUNKS_OFFSET)) {
            return false;
        }
        int count = packetStatusCount();
        int end = o + contentLength;
        int p = o + CHUNKS_OFFSET;
        int covered = 0;
        int deltaBytes = 0;
        int received = 0;
        while (covered < count) {
            if (p + 2 > end) {
                return fail();
            }
            int chunk = Bytes.readUint16(b, p);
            p += 2;
            int n = Math.min(chunkCapacity(chunk), count - covered);
            if ((chunk & 0x8000) == 0) {
                int symbol = (chunk >>> 13) & 3;
                if (symbol == 3 && n > 0) {
                    return fail();
                }
                deltaBytes += n * symbol;
                received += symbol == 0 ? 0 : n;
            } else {
                for (int j = 0; j < n; j++) {
                    int symbol = symbolAt(chunk, j);
                    if (symbol == 3) {
                        return fail();
                    }
                    deltaBytes += symbol;
                    received += symbol == 0 ? 0 : 1;
                }
            }
            covered += n;
        }
        if (count == 0 || p + deltaBytes > end) {
            return fail();
        }
        deltasOffset = p;
        receivedCount = received;
        rewind();
        return true;
    }

    private boolean fail() {
        buf = null;
        return false;
    }

    /** Packets a chunk describes: its run length, 14 or 7. */
    private static int chunkCapacity(int chunk) {
        if ((chunk & 0x8000) == 0) {
            return chunk & 0x1FFF;
        }
        return (chunk & 0x4000) == 0 ? 14 : 7;
    }

    /** Symbol {@code j} of a chunk (for a run-length chunk, its one symbol). */
    private static int symbolAt(int chunk, int j) {
        if ((chunk & 0x8000) == 0) {
            return (chunk >>> 13) & 3;
        }
        if ((chunk & 0x4000) == 0) {
            return (chunk >>> (13 - j)) & 1;
        }
        return (chunk >>> (12 - 2 * j)) & 3;
    }

    /** Transport-wide sequence number of the first packet described. */
    public int baseSequenceNumber() {
        return Bytes.readUint16(buf, off + 12);
    }

    /** Number of packets described (at least 1). */
    public int packetStatusCount() {
        return Bytes.readUint16(buf, off + 14);
    }

    /** Reference time, 24-bit signed, in units of 64 ms. */
    public int referenceTime() {
        return Bytes.readInt24(buf, off + 16);
    }

    /** Reference time in microseconds ({@link #referenceTime()} x 64 000). */
    public long referenceTimeMicros() {
        return referenceTime() * REFERENCE_TIME_UNIT_MICROS;
    }

    /** Feedback packet count, 0..255, incremented per feedback sent. */
    public int feedbackPacketCount() {
        return buf[off + 19] & 0xFF;
    }

    /** How many of the described packets were received. */
    public int receivedCount() {
        return receivedCount;
    }

    /** Absolute offset of the first receive delta (after the last chunk). */
    public int deltasOffset() {
        return deltasOffset;
    }

    // ---- cursor ----

    /** Puts the cursor before the first packet. */
    public void rewind() {
        cIndex = -1;
        cChunkPos = off + CHUNKS_OFFSET;
        cChunkLeft = 0;
        cDeltaPos = deltasOffset;
        cTimeMicros = 0;
        cSymbol = SYMBOL_NOT_RECEIVED;
    }

    /** Moves to the next described packet; false after the last one. */
    public boolean nextPacket() {
        int count = packetStatusCount();
        if (cIndex + 1 >= count) {
            return false;
        }
        while (cChunkLeft == 0) { // terminates: wrap checked that the chunks cover count
            cChunk = Bytes.readUint16(buf, cChunkPos);
            cChunkPos += 2;
            cChunkLeft = Math.min(chunkCapacity(cChunk), count - cIndex - 1);
            cSymbolIndex = 0;
        }
        cIndex++;
        cChunkLeft--;
        cSymbol = symbolAt(cChunk, cSymbolIndex++);
        if (cSymbol == SYMBOL_SMALL_DELTA) {
            cTimeMicros += (buf[cDeltaPos] & 0xFF) * DELTA_UNIT_MICROS;
            cDeltaPos += 1;
        } else if (cSymbol == SYMBOL_LARGE_DELTA) {
            cTimeMicros += Bytes.readInt16(buf, cDeltaPos) * DELTA_UNIT_MICROS;
            cDeltaPos += 2;
        }
        return true;
    }

    /** Index of the current packet, 0..{@link #packetStatusCount()}-1. */
    public int packetIndex() {
        return cIndex;
    }

    /** Transport-wide sequence number of the current packet (wraps after 65535). */
    public int packetSequenceNumber() {
        return (baseSequenceNumber() + cIndex) & 0xFFFF;
    }

    /** Whether the current packet was received. */
    public boolean packetReceived() {
        return cSymbol != SYMBOL_NOT_RECEIVED;
    }

    /** True if the current packet's delta used the 2-byte (large or negative) form. */
    public boolean packetLargeDelta() {
        return cSymbol == SYMBOL_LARGE_DELTA;
    }

    /**
     * Arrival time of the current (received) packet in microseconds relative to the reference
     * time; add {@link #referenceTimeMicros()} for the feedback sender's clock.
     */
    public long packetArrivalMicros() {
        return cTimeMicros;
    }

    /**
     * Decodes packet i's arrival time (relative to the reference time, microseconds) into
     * {@code arrivalMicros[i]}, or {@link #NOT_RECEIVED}; the sequence number of packet i is
     * {@code (baseSequenceNumber() + i) & 0xFFFF}. Returns how many packets were decoded:
     * {@link #packetStatusCount()} unless the array is shorter. Leaves the cursor at the last
     * decoded packet.
     */
    public int decode(long[] arrivalMicros) {
        rewind();
        int n = 0;
        while (n < arrivalMicros.length && nextPacket()) {
            arrivalMicros[n++] = packetReceived() ? cTimeMicros : NOT_RECEIVED;
        }
        return n;
    }
}
