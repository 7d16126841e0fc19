package org.opensfu.core.bwe;

import java.util.Arrays;

/**
 * Ring of the packets sent on a transport, keyed by unwrapped transport-wide sequence number
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2): send time, size, probe cluster and what feedback has said
 * about each. A packet is found by {@link #slotOf} as long as fewer than {@code capacity} packets were sent after it.
 * Primitive arrays only: adding a packet allocates nothing.
 */
public final class SentPacketHistory {
    /** Probe id of a packet that is not part of a probe cluster. */
    public static final int NO_PROBE = -1;
    /** No feedback has mentioned the packet yet. */
    public static final byte UNREPORTED = 0;
    /** Feedback reported the packet lost (a later one may still report it received). */
    public static final byte REPORTED_LOST = 1;
    /** Feedback reported the packet received. */
    public static final byte RECEIVED = 2;

    private static final long EMPTY = Long.MIN_VALUE;

    private final int mask;
    private final long[] sequences;
    private final long[] sendNanos;
    private final int[] sizes;
    private final int[] probeIds;
    private final byte[] states;
    private final SequenceUnwrapper unwrapper = SequenceUnwrapper.sixteenBit();
    private boolean empty = true;
    private long newest;

    /** A history of {@code capacity} packets, a power of two. */
    public SentPacketHistory(int capacity) {
        if (capacity < 1 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        mask = capacity - 1;
        sequences = new long[capacity];
        Arrays.fill(sequences, EMPTY);
        sendNanos = new long[capacity];
        sizes = new int[capacity];
        probeIds = new int[capacity];
        states = new byte[capacity];
    }

    /** Number of packets the ring holds. */
    public int capacity() {
        return mask + 1;
    }

    /**
     * Records a sent packet with 16-bit sequence number {@code sequenceNumber}; returns its unwrapped sequence number.
     * A number sent again (a reused or wrapped-around sequence number) replaces the old entry.
     */
    public long add(int sequenceNumber, long sendNanos, int sizeBytes, int probeId) {
        long seq = unwrapper.unwrap(sequenceNumber & 0xFFFF);
        int slot = (int) (seq & mask);
        sequences[slot] = seq;
        this.sendNanos[slot] = sendNanos;
        sizes[slot] = Math.max(0, sizeBytes);
        probeIds[slot] = probeId < 0 ? NO_PROBE : probeId;
        states[slot] = UNREPORTED;
        if (empty || seq > newest) {
            newest = seq;
        }
        empty = false;
        return seq;
    }

    /** True before the first {@link #add}. */
    public boolean isEmpty() {
        return empty;
    }

    /** The highest unwrapped sequence number sent so far (meaningless while empty). */
    public long newestSequence() {
        return newest;
    }

    /** The unwrapped sequence number nearest to the newest sent one for 16-bit {@code sequenceNumber}. */
    public long unwrapFeedbackSequence(int sequenceNumber) {
        return empty ? sequenceNumber & 0xFFFF : unwrapper.nearest(newest, sequenceNumber & 0xFFFF);
    }

    /** The slot of the packet with unwrapped sequence number {@code seq}, or -1 if it is not (or no longer) held. */
    public int slotOf(long seq) {
        int slot = (int) (seq & mask);
        return sequences[slot] == seq ? slot : -1;
    }

    public long sequence(int slot) {
        return sequences[slot];
    }

    public long sendNanos(int slot) {
        return sendNanos[slot];
    }

    public int sizeBytes(int slot) {
        return sizes[slot];
    }

    /** Probe cluster id, or {@link #NO_PROBE}. */
    public int probeId(int slot) {
        return probeIds[slot];
    }

    /** {@link #UNREPORTED}, {@link #REPORTED_LOST} or {@link #RECEIVED}. */
    public byte state(int slot) {
        return states[slot];
    }

    public void setState(int slot, byte state) {
        states[slot] = state;
    }
}
