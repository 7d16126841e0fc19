package org.opensfu.core.repair;

import java.util.Arrays;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.rtp.RtpPacket;

/**
 * The recent packets of one producer layer, kept so that generic NACKs from subscribers (RFC 4585 §6.2.1) are answered
 * by the SFU itself, by retransmission (RFC 4588), without asking the publisher again.
 *
 * <p>A ring of {@code capacityPackets} slots (a power of two) indexed by extended sequence number: it holds packets
 * whose numbers lie within {@code capacityPackets} of the highest one stored, and only while they are younger than
 * {@code maxAgeNanos}. Each stored packet is a copy in a pooled {@link PacketBuffer} that the cache owns; it is
 * released when its slot is overwritten, when it leaves the window or expires ({@link #expire}, also done by every
 * {@link #put}), and on {@link #close}. In steady state each put takes one buffer from the pool and returns one: no
 * allocation.
 *
 * <p>Confined to the router's loop thread.
 */
public final class PacketCache implements AutoCloseable {
    private static final long EMPTY = Long.MIN_VALUE;
    /** Keys beyond ±2^62 are refused so that window arithmetic cannot overflow (unwrapped numbers stay far below). */
    private static final long MAX_KEY = 1L << 62;

    private final PacketBufferPool pool;
    private final int capacity;
    private final int mask;
    private final long maxAgeNanos;
    private final PacketBuffer[] buffers;
    private final long[] seqBySlot;
    private final long[] arrivalNanosBySlot;
    private final CachedPacket view = new CachedPacket();

    private boolean started;
    private boolean closed;
    private long highestExtSeq;
    /** No packet below this is stored: where {@link #expire} starts looking. */
    private long lowestCandidate;
    private int size;

    /**
     * @param pool            where the copies' buffers come from and go back to
     * @param capacityPackets how many packets at most, a power of two (e.g. 512)
     * @param maxAgeNanos     how long a packet stays useful (e.g. one second)
     */
    public PacketCache(PacketBufferPool pool, int capacityPackets, long maxAgeNanos) {
        if (capacityPackets < 1 || Integer.bitCount(capacityPackets) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacityPackets);
        }
        if (maxAgeNanos <= 0) {
            throw new IllegalArgumentException("max age must be positive: " + maxAgeNanos);
        }
        this.pool = pool;
        this.capacity = capacityPackets;
        this.mask = capacityPackets - 1;
        this.maxAgeNanos = maxAgeNanos;
        this.buffers = new PacketBuffer[capacityPackets];
        this.seqBySlot = new long[capacityPackets];
        this.arrivalNanosBySlot = new long[capacityPackets];
        Arrays.fill(seqBySlot, EMPTY);
    }

    /**
     * Stores a copy of {@code packet} (a successfully wrapped view; the original is not modified) under
     * {@code extendedSeq}. Returns false, storing nothing, when the cache is closed, the packet is too long for a
     * pooled buffer, the number is beyond ±2^62, it is already stored and not expired (a duplicate, or a
     * retransmission of a stored packet), or it lies {@code capacityPackets} or more below the highest stored
     * number. Packets older than the max age at {@code arrivalNanos} are released on the way.
     */
    public boolean put(RtpPacket packet, long extendedSeq, long arrivalNanos) {
        if (closed || packet.buffer() == null || packet.length() > PacketBuffer.MAX_DATAGRAM
                || extendedSeq > MAX_KEY || extendedSeq < -MAX_KEY) {
            return false;
        }
        if (started && extendedSeq <= highestExtSeq - capacity) {
            return false; // its slot belongs to a newer packet
        }
        int slot = (int) (extendedSeq & mask);
        if (seqBySlot[slot] == extendedSeq && arrivalNanos - arrivalNanosBySlot[slot] <= maxAgeNanos) {
            return false; // already stored; an expired copy is replaced below
        }
        if (started && extendedSeq > highestExtSeq) {
            slideWindowTo(extendedSeq);
        }
        if (!started) {
            started = true;
            highestExtSeq = extendedSeq;
            lowestCandidate = extendedSeq;
        }
        expire(arrivalNanos);
        evictSlot(slot);
        PacketBuffer copy = pool.acquire();
        copy.copyFrom(packet.buffer(), packet.offset(), packet.length());
        buffers[slot] = copy;
        seqBySlot[slot] = extendedSeq;
        arrivalNanosBySlot[slot] = arrivalNanos;
        size++;
        lowestCandidate = Math.min(lowestCandidate, extendedSeq);
        return true;
    }

    /** Makes {@code newHighest} the highest number, evicting the packets that leave the window. */
    private void slideWindowTo(long newHighest) {
        if (newHighest - highestExtSeq >= capacity) {
            evictAll();
        } else {
            long leavingTo = newHighest - capacity; // inclusive: at most (jump) numbers leave
            for (long seq = Math.max(lowestCandidate, highestExtSeq - capacity + 1); seq <= leavingTo; seq++) {
                int slot = (int) (seq & mask);
                if (seqBySlot[slot] == seq) {
                    evictSlot(slot);
                }
            }
        }
        highestExtSeq = newHighest;
        lowestCandidate = Math.max(lowestCandidate, newHighest - capacity + 1);
    }

    /**
     * The packet stored under {@code extendedSeq}, or null when it was never stored, has been overwritten or evicted,
     * is older than the max age at {@code nowNanos}, or the cache is closed. The returned view is reused: see
     * {@link CachedPacket}.
     */
    public CachedPacket get(long extendedSeq, long nowNanos) {
        int slot = (int) (extendedSeq & mask);
        if (closed || extendedSeq == EMPTY || seqBySlot[slot] != extendedSeq
                || nowNanos - arrivalNanosBySlot[slot] > maxAgeNanos) {
            view.clear();
            return null;
        }
        PacketBuffer buffer = buffers[slot];
        view.set(buffer.array(), buffer.offset(), buffer.length(), extendedSeq, arrivalNanosBySlot[slot]);
        return view;
    }

    /**
     * Releases the packets older than the max age at {@code nowNanos}, oldest numbers first, stopping at the first
     * young one (arrival order follows numbering closely enough; {@link #get} checks the age anyway). A timer may call
     * this so that an idle stream does not hold its buffers; {@link #put} calls it too.
     */
    public void expire(long nowNanos) {
        if (closed || !started) {
            return;
        }
        long seq = Math.max(lowestCandidate, highestExtSeq - capacity + 1);
        for (; seq <= highestExtSeq && size > 0; seq++) {
            int slot = (int) (seq & mask);
            if (seqBySlot[slot] == seq) {
                if (nowNanos - arrivalNanosBySlot[slot] <= maxAgeNanos) {
                    break;
                }
                evictSlot(slot);
            }
        }
        lowestCandidate = size == 0 ? highestExtSeq + 1 : seq;
    }

    private void evictSlot(int slot) {
        PacketBuffer buffer = buffers[slot];
        if (buffer != null) {
            buffers[slot] = null;
            seqBySlot[slot] = EMPTY;
            size--;
            buffer.release();
        }
    }

    private void evictAll() {
        for (int slot = 0; slot < capacity && size > 0; slot++) {
            evictSlot(slot);
        }
    }

    /**
     * Releases every buffer and forgets the numbering, keeping the cache usable: for a stream that starts over (a new
     * SSRC, whose unwrapped numbers would otherwise meet the old ones').
     */
    public void clear() {
        if (!closed) {
            evictAll();
            started = false;
            view.clear();
        }
    }

    /** Packets held now. */
    public int size() {
        return size;
    }

    /** The capacity in packets. */
    public int capacity() {
        return capacity;
    }

    /** Releases every buffer; afterwards the cache stores and returns nothing. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            evictAll();
            closed = true;
            view.clear();
        }
    }
}
