package org.opensfu.core.repair;

import java.util.Arrays;

/**
 * What was sent to one subscriber on one stream, by output sequence number, so that a generic NACK from that subscriber
 * (RFC 4585 §6.2.1) can be answered with exactly the packet it missed (RFC 4588 §1: a retransmission carries the same
 * data as the original): the packet itself is in the source layer's {@link PacketCache}; this history keeps only what
 * the forwarding rewrote (layer, source number, timestamp, codec fields, marker) and when it was sent and resent.
 *
 * <p>A ring of {@code capacityPackets} slots (a power of two, e.g. 1024) indexed by the 16-bit output sequence number;
 * entries older than the max age are not returned. Retransmissions of one packet are throttled to one per round-trip
 * time, as receivers may NACK again before the first retransmission could have arrived.
 *
 * <p>Confined to the router's loop thread; fixed arrays, nothing allocated after construction.
 */
public final class SentPacketHistory {
    private static final int EMPTY = -1;

    private final int mask;
    private final long maxAgeNanos;
    private final long unknownRttNanos;
    private final int[] outputSeqBySlot;
    private final int[] layer;
    private final long[] sourceExtSeq;
    private final long[] outputTimestamp;
    private final int[] codecField1;
    private final int[] codecField2;
    private final boolean[] marker;
    private final long[] sentNanos;
    private final long[] lastResentNanos;
    private final int[] resendCount;

    private long resends;
    private long throttled;

    /**
     * @param capacityPackets how many sent packets are remembered, a power of two at most 65536 (e.g. 1024)
     * @param maxAgeNanos     how long after sending a packet may still be resent (e.g. one second)
     * @param unknownRttNanos the round-trip time assumed by {@link #mayResend} while none has been measured
     */
    public SentPacketHistory(int capacityPackets, long maxAgeNanos, long unknownRttNanos) {
        if (capacityPackets < 1 || capacityPackets > 1 << 16 || Integer.bitCount(capacityPackets) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two up to 65536: " + capacityPackets);
        }
        if (maxAgeNanos <= 0 || unknownRttNanos <= 0) {
            throw new IllegalArgumentException("max age and default RTT must be positive");
        }
        this.mask = capacityPackets - 1;
        this.maxAgeNanos = maxAgeNanos;
        this.unknownRttNanos = unknownRttNanos;
        this.outputSeqBySlot = new int[capacityPackets];
        this.layer = new int[capacityPackets];
        this.sourceExtSeq = new long[capacityPackets];
        this.outputTimestamp = new long[capacityPackets];
        this.codecField1 = new int[capacityPackets];
        this.codecField2 = new int[capacityPackets];
        this.marker = new boolean[capacityPackets];
        this.sentNanos = new long[capacityPackets];
        this.lastResentNanos = new long[capacityPackets];
        this.resendCount = new int[capacityPackets];
        Arrays.fill(outputSeqBySlot, EMPTY);
    }

    /**
     * Records a packet sent for the first time (not a retransmission) with output sequence number {@code outputSeq}
     * (low 16 bits used); it replaces whatever its slot held.
     */
    public void onSent(int outputSeq, int layer, long sourceExtSeq, long outputTimestamp, int codecField1,
                       int codecField2, boolean marker, long nowNanos) {
        int seq = outputSeq & 0xFFFF;
        int slot = seq & mask;
        outputSeqBySlot[slot] = seq;
        this.layer[slot] = layer;
        this.sourceExtSeq[slot] = sourceExtSeq;
        this.outputTimestamp[slot] = outputTimestamp & 0xFFFF_FFFFL;
        this.codecField1[slot] = codecField1;
        this.codecField2[slot] = codecField2;
        this.marker[slot] = marker;
        this.sentNanos[slot] = nowNanos;
        this.lastResentNanos[slot] = 0;
        this.resendCount[slot] = 0;
    }

    /** The slot of {@code outputSeq} if it holds that packet, young enough at {@code nowNanos}; -1 otherwise. */
    private int slotOf(int outputSeq, long nowNanos) {
        if ((outputSeq & ~0xFFFF) != 0) {
            return -1; // not a 16-bit sequence number
        }
        int slot = outputSeq & mask;
        if (outputSeqBySlot[slot] != outputSeq || nowNanos - sentNanos[slot] > maxAgeNanos) {
            return -1;
        }
        return slot;
    }

    /**
     * Fills {@code into} with what was sent as {@code outputSeq} (0..65535) and returns true; returns false (leaving
     * {@code into} as it was) when that number was never sent, its slot has been reused, it was sent longer than the
     * max age before {@code nowNanos}, or it is not a 16-bit number.
     */
    public boolean lookup(int outputSeq, long nowNanos, SentPacketInfo into) {
        int slot = slotOf(outputSeq, nowNanos);
        if (slot < 0) {
            return false;
        }
        into.outputSeq = outputSeqBySlot[slot];
        into.layer = layer[slot];
        into.sourceExtSeq = sourceExtSeq[slot];
        into.outputTimestamp = outputTimestamp[slot];
        into.codecField1 = codecField1[slot];
        into.codecField2 = codecField2[slot];
        into.marker = marker[slot];
        into.sentNanos = sentNanos[slot];
        into.resendCount = resendCount[slot];
        return true;
    }

    /**
     * Whether {@code outputSeq} may be resent now, and if so counts the retransmission: false when it is unknown (as
     * for {@link #lookup}) or was already resent less than one round-trip time ago. The first retransmission is never
     * throttled.
     *
     * @param rttNanos the round-trip time to the subscriber, 0 or less when unknown
     */
    public boolean mayResend(int outputSeq, long nowNanos, long rttNanos) {
        int slot = slotOf(outputSeq, nowNanos);
        if (slot < 0) {
            return false;
        }
        long intervalNanos = rttNanos > 0 ? rttNanos : unknownRttNanos;
        if (resendCount[slot] > 0 && nowNanos - lastResentNanos[slot] < intervalNanos) {
            throttled++;
            return false;
        }
        lastResentNanos[slot] = nowNanos;
        resendCount[slot]++;
        resends++;
        return true;
    }

    /** Retransmissions allowed by {@link #mayResend} so far. */
    public long resends() {
        return resends;
    }

    /** Retransmissions refused by {@link #mayResend} because the previous one was less than an RTT ago. */
    public long throttled() {
        return throttled;
    }
}
