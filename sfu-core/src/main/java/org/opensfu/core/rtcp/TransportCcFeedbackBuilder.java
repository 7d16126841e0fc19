package org.opensfu.core.rtcp;

import org.opensfu.core.util.Bytes;

/**
 * Reusable writer of transport-wide congestion control feedback (RTPFB FMT 15,
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1; layout in {@link TransportCcFeedback}).
 *
 * <p>Feed it the received packets in ascending transport-wide sequence order (modulo 2^16; the
 * caller sorts reordered arrivals) with {@link #addReceived}; sequence numbers skipped between
 * two calls are reported as not received. When {@code addReceived} returns {@code false} the
 * packet was not added: write the feedback, {@link #reset} and add it again. That happens when
 * the packet would push the feedback past the maximum size, when its receive delta does not fit
 * in 16 bits (more than about 8 s from the previous packet), when it is not after the last one,
 * or when the status count would pass 65535.
 *
 * <p>Encoding: packets are quantised to 250 µs ticks; the reference time is the first received
 * packet's arrival rounded down to 64 ms, so its delta is 0..255 ticks. Statuses are collected
 * in a pending chunk that stays a run while all symbols are equal (run-length chunk, up to 8191)
 * and otherwise becomes a status vector: 14 one-bit symbols while no large delta is involved,
 * else 7 two-bit symbols. The encoded size is known exactly after every call. Zero padding to a
 * 32-bit boundary (P bit clear). Allocation only in the constructor.
 */
public final class TransportCcFeedbackBuilder {
    /** Default maximum packet size in bytes, below a typical path MTU minus SRTCP overhead. */
    public static final int DEFAULT_MAX_PACKET_BYTES = 1200;
    /** Smallest accepted maximum: header + 1 chunk + 1 large delta. */
    public static final int MIN_PACKET_BYTES = 24;

    private static final int MAX_RUN = 0x1FFF;
    private static final int ONE_BIT_CAPACITY = 14;
    private static final int TWO_BIT_CAPACITY = 7;
    private static final int MAX_STATUS_COUNT = 0xFFFF;

    private final int maxPacketBytes;
    private final char[] chunks;
    private final byte[] deltas;

    private int senderSsrc;
    private int mediaSsrc;
    private int feedbackPacketCount;
    private boolean hasBase;
    private int baseSeq;
    private int statusCount;
    private boolean hasReceived;
    private long referenceTime;   // in 64 ms units, not yet wrapped to 24 bits
    private long lastTicks;       // 250 us ticks of the last received packet
    private int chunkCount;
    private int deltaBytes;

    // pending (not yet emitted) chunk
    private final byte[] pending = new byte[ONE_BIT_CAPACITY];
    private int pendingCount;
    private boolean pendingAllSame;
    private boolean pendingHasLarge;

    // snapshot for rolling back an add that does not fit
    private final byte[] savedPending = new byte[ONE_BIT_CAPACITY];
    private int savedPendingCount;
    private boolean savedAllSame;
    private boolean savedHasLarge;
    private int savedChunkCount;
    private int savedDeltaBytes;

    /** A builder for feedback of at most {@value #DEFAULT_MAX_PACKET_BYTES} bytes. */
    public TransportCcFeedbackBuilder() {
        this(DEFAULT_MAX_PACKET_BYTES);
    }

    /** A builder for feedback packets of at most {@code maxPacketBytes} (at least 24) bytes. */
    public TransportCcFeedbackBuilder(int maxPacketBytes) {
        if (maxPacketBytes < MIN_PACKET_BYTES || maxPacketBytes > 65536 * 4) {
            throw new IllegalArgumentException("maxPacketBytes out of 24..262144: " + maxPacketBytes);
        }
        this.maxPacketBytes = maxPacketBytes & ~3;
        int body = this.maxPacketBytes - TransportCcFeedback.CHUNKS_OFFSET;
        this.chunks = new char[body / 2 + 2];
        this.deltas = new byte[body + 2];
    }

    /** Starts a new, empty feedback. */
    public void reset(int senderSsrc, int mediaSsrc, int feedbackPacketCount) {
        this.senderSsrc = senderSsrc;
        this.mediaSsrc = mediaSsrc;
        this.feedbackPacketCount = feedbackPacketCount & 0xFF;
        hasBase = false;
        statusCount = 0;
        hasReceived = false;
        chunkCount = 0;
        deltaBytes = 0;
        pendingCount = 0;
    }

    /**
     * Makes the feedback start at {@code baseSequenceNumber}, so that packets before the first
     * received one are reported lost (e.g. right after the previous feedback's last packet).
     * Only before the first {@link #addReceived}; returns false otherwise. (With a maximum size
     * near the 24-byte minimum, a long run of leading losses can keep even the first packet out.)
     */
    public boolean setBaseSequenceNumber(int baseSequenceNumber) {
        if (statusCount != 0) {
            return false;
        }
        hasBase = true;
        baseSeq = baseSequenceNumber & 0xFFFF;
        return true;
    }

    /** Number of packets described so far (received and lost). */
    public int packetStatusCount() {
        return statusCount;
    }

    /** True when no packet has been added. */
    public boolean isEmpty() {
        return statusCount == 0;
    }

    /** Transport-wide sequence number of the first packet described. */
    public int baseSequenceNumber() {
        return baseSeq;
    }

    /** The configured maximum packet size (rounded down to a multiple of 4). */
    public int maxPacketBytes() {
        return maxPacketBytes;
    }

    /** Exact size in bytes that {@link #write} produces now. */
    public int length() {
        return lengthOf(chunkCount + (pendingCount > 0 ? 1 : 0), deltaBytes);
    }

    private static int lengthOf(int chunkCount, int deltaBytes) {
        return RtcpHeader.pad4(TransportCcFeedback.CHUNKS_OFFSET + 2 * chunkCount + deltaBytes);
    }

    /**
     * Adds a received packet with transport-wide sequence number {@code seq} (low 16 bits) that
     * arrived at {@code arrivalMicros} (any monotonic clock in microseconds). Returns false, with
     * the feedback unchanged, if it does not fit (see the class comment).
     */
    public boolean addReceived(int seq, long arrivalMicros) {
        seq &= 0xFFFF;
        int newCount;
        if (statusCount == 0) {
            int index = hasBase ? (seq - baseSeq) & 0xFFFF : 0;
            if (index >= 0x8000) {
                return false;
            }
            newCount = index + 1;
        } else {
            int diff = (seq - ((baseSeq + statusCount - 1) & 0xFFFF)) & 0xFFFF;
            if (diff == 0 || diff >= 0x8000) {
                return false;
            }
            newCount = statusCount + diff;
        }
        if (newCount > MAX_STATUS_COUNT) {
            return false;
        }
        long ticks = Math.floorDiv(arrivalMicros, TransportCcFeedback.DELTA_UNIT_MICROS);
        long refTime = hasReceived ? referenceTime
                : Math.floorDiv(arrivalMicros, TransportCcFeedback.REFERENCE_TIME_UNIT_MICROS);
        long delta = hasReceived ? ticks - lastTicks
                : ticks - refTime * (TransportCcFeedback.REFERENCE_TIME_UNIT_MICROS / TransportCcFeedback.DELTA_UNIT_MICROS);
        int symbol;
        if (delta >= 0 && delta <= 0xFF) {
            symbol = TransportCcFeedback.SYMBOL_SMALL_DELTA;
        } else if (delta >= Short.MIN_VALUE && delta <= Short.MAX_VALUE) {
            symbol = TransportCcFeedback.SYMBOL_LARGE_DELTA;
        } else {
            return false;
        }
        save();
        for (int i = statusCount + 1; i < newCount; i++) {
            push(TransportCcFeedback.SYMBOL_NOT_RECEIVED);
        }
        push(symbol);
        if (symbol == TransportCcFeedback.SYMBOL_SMALL_DELTA) {
            putDelta((int) delta, 1);
        } else {
            putDelta((int) delta, 2);
        }
        if (length() > maxPacketBytes) {
            restore();
            return false;
        }
        if (statusCount == 0 && !hasBase) {
            baseSeq = seq;
        }
        hasBase = true;
        statusCount = newCount;
        referenceTime = refTime;
        hasReceived = true;
        lastTicks = ticks;
        return true;
    }

    private void putDelta(int delta, int size) {
        if (deltaBytes + size <= deltas.length) { // else over the maximum: rolled back by the caller
            if (size == 1) {
                deltas[deltaBytes] = (byte) delta;
            } else {
                Bytes.writeUint16(deltas, deltaBytes, delta);
            }
        }
        deltaBytes += size;
    }

    private void save() {
        System.arraycopy(pending, 0, savedPending, 0, ONE_BIT_CAPACITY);
        savedPendingCount = pendingCount;
        savedAllSame = pendingAllSame;
        savedHasLarge = pendingHasLarge;
        savedChunkCount = chunkCount;
        savedDeltaBytes = deltaBytes;
    }

    private void restore() {
        System.arraycopy(savedPending, 0, pending, 0, ONE_BIT_CAPACITY);
        pendingCount = savedPendingCount;
        pendingAllSame = savedAllSame;
        pendingHasLarge = savedHasLarge;
        chunkCount = savedChunkCount;
        deltaBytes = savedDeltaBytes;
    }

    /** Appends one status symbol, emitting a chunk when the pending one cannot take it. */
    private void push(int symbol) {
        if (pendingCount == 0) {
            startPending(symbol);
            return;
        }
        if (pendingAllSame && symbol == pending[0] && pendingCount < MAX_RUN) {
            if (pendingCount < ONE_BIT_CAPACITY) {
                pending[pendingCount] = (byte) symbol;
            }
            pendingCount++;
            return;
        }
        if (pendingAllSame && pendingCount >= ONE_BIT_CAPACITY) { // a long run ends (or is full)
            emit(runLengthChunk(pending[0], pendingCount));
            startPending(symbol);
            return;
        }
        boolean large = pendingHasLarge || symbol == TransportCcFeedback.SYMBOL_LARGE_DELTA;
        if (pendingCount < (large ? TWO_BIT_CAPACITY : ONE_BIT_CAPACITY)) {
            pending[pendingCount++] = (byte) symbol;
            pendingAllSame = false;
            pendingHasLarge = large;
            return;
        }
        if (pendingAllSame) {
            emit(runLengthChunk(pending[0], pendingCount));
            startPending(symbol);
        } else if (pendingCount == ONE_BIT_CAPACITY) { // 14 symbols, none large
            emit(oneBitChunk(pending, ONE_BIT_CAPACITY));
            startPending(symbol);
        } else { // 7..13 symbols and a large one among them or arriving
            emit(twoBitChunk(pending, TWO_BIT_CAPACITY));
            int rest = pendingCount - TWO_BIT_CAPACITY;
            System.arraycopy(pending, TWO_BIT_CAPACITY, pending, 0, rest);
            pendingCount = 0;
            for (int i = 0; i < rest; i++) {
                push(pending[i]);
            }
            push(symbol);
        }
    }

    private void startPending(int symbol) {
        pending[0] = (byte) symbol;
        pendingCount = 1;
        pendingAllSame = true;
        pendingHasLarge = symbol == TransportCcFeedback.SYMBOL_LARGE_DELTA;
    }

    private void emit(int chunk) {
        if (chunkCount < chunks.length) { // else over the maximum: rolled back by the caller
            chunks[chunkCount] = (char) chunk;
        }
        chunkCount++;
    }

    /** The pending symbols as the final chunk. */
    private int lastChunk() {
        if (pendingAllSame) {
            return runLengthChunk(pending[0], pendingCount);
        }
        return pendingHasLarge ? twoBitChunk(pending, pendingCount) : oneBitChunk(pending, pendingCount);
    }

    private static int runLengthChunk(int symbol, int run) {
        return (symbol << 13) | run;
    }

    private static int oneBitChunk(byte[] symbols, int n) {
        int chunk = 0x8000;
        for (int j = 0; j < n; j++) {
            chunk |= symbols[j] << (13 - j);
        }
        return chunk;
    }

    private static int twoBitChunk(byte[] symbols, int n) {
        int chunk = 0xC000;
        for (int j = 0; j < n; j++) {
            chunk |= symbols[j] << (12 - 2 * j);
        }
        return chunk;
    }

    /**
     * Writes the feedback at {@code dst[off]}; returns its length ({@link #length()}). Throws
     * {@link IllegalStateException} if no packet was added (a feedback describes at least one)
     * and {@link IndexOutOfBoundsException} if {@code dst} is too small, writing nothing.
     */
    public int write(byte[] dst, int off) {
        if (statusCount == 0) {
            throw new IllegalStateException("transport-cc feedback needs at least one packet");
        }
        int length = length();
        RtcpHeader.checkCapacity(dst, off, length);
        RtcpFeedbackView.writeFeedbackHeader(dst, off, RtcpPacketType.RTPFB,
                RtcpPacketType.FMT_RTPFB_TRANSPORT_CC, length, senderSsrc, mediaSsrc);
        Bytes.writeUint16(dst, off + 12, baseSeq);
        Bytes.writeUint16(dst, off + 14, statusCount);
        Bytes.writeUint24(dst, off + 16, (int) referenceTime);
        dst[off + 19] = (byte) feedbackPacketCount;
        int p = off + TransportCcFeedback.CHUNKS_OFFSET;
        for (int i = 0; i < chunkCount; i++) {
            Bytes.writeUint16(dst, p, chunks[i]);
            p += 2;
        }
        Bytes.writeUint16(dst, p, lastChunk());
        p += 2;
        System.arraycopy(deltas, 0, dst, p, deltaBytes);
        p += deltaBytes;
        java.util.Arrays.fill(dst, p, off + length, (byte) 0);
        return length;
    }
}
