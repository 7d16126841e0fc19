package org.opensfu.core.repair;

import org.opensfu.core.rtcp.GenericNack;

/**
 * Answers a subscriber's generic NACK (RFC 4585 §6.2.1) on one consumer stream: walks the NACKed sequence numbers and
 * yields, for each one that can and may be resent now, the original packet from the source layer's
 * {@link PacketCache} and what the forwarding wrote into it from the consumer's {@link SentPacketHistory}; the caller
 * rebuilds and sends each (as RTX, RFC 4588 §4, when negotiated).
 *
 * <pre>{@code
 * int requested = responder.start(nack, history, layerCaches, nowNanos, rttNanos);
 * while (responder.next()) {
 *     CachedPacket original = responder.packet();   // copy it out before touching that cache again
 *     SentPacketInfo sent = responder.info();       // output seq, timestamp, codec fields, marker
 *     ... rewrite a copy as it was sent, wrap it in RTX if negotiated, send ...
 * }
 * }</pre>
 *
 * <p>A number is skipped when the history does not know it (never sent, too old, overwritten), when its packet is no
 * longer cached, or when it was resent less than one RTT ago; each case is counted. One instance per loop thread (it
 * may serve every consumer in turn); nothing allocated after construction.
 */
public final class NackResponder {
    private final int[] requested;
    private final SentPacketInfo info = new SentPacketInfo();
    private SentPacketHistory history;
    private PacketCache[] layerCaches;
    private long nowNanos;
    private long rttNanos;
    private int count;
    private int next;
    private CachedPacket packet;

    private long resent;
    private long unknown;
    private long notCached;
    private long throttled;
    private long truncated;

    /** @param maxSequenceNumbers how many NACKed numbers one {@link #start} considers (17 per NACK entry) */
    public NackResponder(int maxSequenceNumbers) {
        if (maxSequenceNumbers < 1) {
            throw new IllegalArgumentException("need room for at least one sequence number");
        }
        this.requested = new int[maxSequenceNumbers];
    }

    /**
     * Starts answering {@code nack} (a successfully wrapped view): expands its entries into the requested sequence
     * numbers (those past the responder's capacity are dropped and counted) and returns how many there are.
     *
     * @param layerCaches the producer's caches by layer index; null elements for layers without a cache
     * @param rttNanos    the round-trip time to the subscriber, 0 or less when unknown
     */
    public int start(GenericNack nack, SentPacketHistory history, PacketCache[] layerCaches, long nowNanos,
                     long rttNanos) {
        this.history = history;
        this.layerCaches = layerCaches;
        this.nowNanos = nowNanos;
        this.rttNanos = rttNanos;
        this.count = nack.lostSequenceNumbers(requested);
        this.next = 0;
        this.packet = null;
        if (count == requested.length) { // perhaps some did not fit
            truncated += numbersIn(nack) - count;
        }
        return count;
    }

    /** How many sequence numbers the NACK's entries name in all. */
    private static long numbersIn(GenericNack nack) {
        long total = 0;
        for (int e = 0; e < nack.entryCount(); e++) {
            total += 1 + Integer.bitCount(nack.blp(e));
        }
        return total;
    }

    /**
     * Advances to the next packet to resend and returns true, or false when none is left. A packet is counted as resent
     * (and throttled for one RTT) when it is returned here.
     */
    public boolean next() {
        packet = null;
        while (next < count) {
            int seq = requested[next++];
            if (!history.lookup(seq, nowNanos, info)) {
                unknown++;
                continue;
            }
            int layer = info.layer();
            PacketCache cache = layer >= 0 && layer < layerCaches.length ? layerCaches[layer] : null;
            CachedPacket cached = cache == null ? null : cache.get(info.sourceExtSeq(), nowNanos);
            if (cached == null) {
                notCached++;
                continue;
            }
            if (!history.mayResend(seq, nowNanos, rttNanos)) {
                throttled++;
                continue;
            }
            packet = cached;
            resent++;
            return true;
        }
        history = null;
        layerCaches = null;
        return false;
    }

    /** The original packet, after {@link #next} returned true; valid until that layer's cache is used again. */
    public CachedPacket packet() {
        return packet;
    }

    /** What was sent as that sequence number, after {@link #next} returned true. */
    public SentPacketInfo info() {
        return info;
    }

    /** Packets returned by {@link #next}. */
    public long resent() {
        return resent;
    }

    /** NACKed numbers the history did not know (never sent, overwritten, or too old). */
    public long unknown() {
        return unknown;
    }

    /** NACKed numbers whose original was no longer cached. */
    public long notCached() {
        return notCached;
    }

    /** NACKed numbers resent less than one RTT before. */
    public long throttled() {
        return throttled;
    }

    /** NACKed numbers beyond the responder's capacity. */
    public long truncated() {
        return truncated;
    }
}
