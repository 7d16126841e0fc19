package org.opensfu.core.repair;

/**
 * What {@link SentPacketHistory#lookup} knows about one packet sent to a subscriber: enough to rebuild it identically
 * from the producer layer's {@link PacketCache}. A reusable mutable holder: one per caller, filled by each lookup.
 */
public final class SentPacketInfo {
    int outputSeq;
    int layer;
    long sourceExtSeq;
    long outputTimestamp;
    int codecField1;
    int codecField2;
    boolean marker;
    long sentNanos;
    int resendCount;

    /** The sequence number the subscriber saw, 0..65535. */
    public int outputSeq() {
        return outputSeq;
    }

    /** Index of the producer layer the packet came from. */
    public int layer() {
        return layer;
    }

    /** The packet's extended sequence number in that layer (its key in the layer's {@link PacketCache}). */
    public long sourceExtSeq() {
        return sourceExtSeq;
    }

    /** The RTP timestamp the subscriber saw, 0..2^32-1. */
    public long outputTimestamp() {
        return outputTimestamp;
    }

    /** First codec field as written (for VP8: the picture ID, RFC 7741 §4.2). */
    public int codecField1() {
        return codecField1;
    }

    /** Second codec field as written (for VP8: TL0PICIDX, RFC 7741 §4.2). */
    public int codecField2() {
        return codecField2;
    }

    /** The M bit as sent. */
    public boolean marker() {
        return marker;
    }

    /** When it was first sent. */
    public long sentNanos() {
        return sentNanos;
    }

    /** How many times it was resent so far. */
    public int resendCount() {
        return resendCount;
    }
}
