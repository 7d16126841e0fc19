package org.opensfu.core.router;

import java.nio.charset.StandardCharsets;
import org.opensfu.core.repair.NackGenerator;
import org.opensfu.core.repair.PacketCache;
import org.opensfu.core.rtp.RtpPacket;
import org.opensfu.core.rtp.SequenceNumberUnwrapper;
import org.opensfu.core.stats.Counter;
import org.opensfu.core.stream.RtpReceiveStats;

/**
 * One encoding of a producer as received: its SSRC (learned from the rid extension for rid simulcast), its receive
 * statistics and what the last keyframe said about its resolution. Confined to the router's loop.
 */
public final class ProducerLayer {
    private final int index;
    private final byte[] rid;
    private int ssrc;
    private int rtxSsrc;
    private final RtpReceiveStats receiveStats;
    private final SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
    /** Copies of recent packets, to answer subscribers' NACKs ourselves; null for audio. */
    private final PacketCache cache;
    /** NACKs for what we missed from the publisher; null when it did not negotiate generic NACK. */
    private final NackGenerator nackGenerator;
    private final Counter packetsReceived = new Counter();
    private final Counter duplicates = new Counter();
    private volatile int frameWidthPx;
    private volatile int frameHeightPx;
    /** The extended sequence number of the packet last passed to {@link #remember}. */
    private long lastExtendedSequence;
    /** The highest VP8 temporal layer ID seen (0 for streams without temporal layers). */
    private int highestTemporalLayer;

    ProducerLayer(int index, ProducerLayerSpec spec, int clockRateHz, PacketCache cache, NackGenerator nackGenerator) {
        this.index = index;
        this.rid = spec.rid() == null ? null : spec.rid().getBytes(StandardCharsets.US_ASCII);
        this.ssrc = spec.ssrc();
        this.rtxSsrc = spec.rtxSsrc();
        this.receiveStats = new RtpReceiveStats(clockRateHz);
        this.cache = cache;
        this.nackGenerator = nackGenerator;
    }

    /** 0 for the lowest layer. */
    public int index() {
        return index;
    }

    public int ssrc() {
        return ssrc;
    }

    public int rtxSsrc() {
        return rtxSsrc;
    }

    public long packetsReceived() {
        return packetsReceived.get();
    }

    /** Width of the last keyframe seen on this layer, 0 if none yet. */
    public int frameWidthPx() {
        return frameWidthPx;
    }

    public int frameHeightPx() {
        return frameHeightPx;
    }

    boolean ssrcKnown() {
        return ssrc != 0;
    }

    void bindSsrc(int newSsrc) {
        ssrc = newSsrc;
        // a new numbering: nothing before it applies
        unwrapper.reset();
        if (cache != null) {
            cache.clear();
        }
        if (nackGenerator != null) {
            nackGenerator.reset();
        }
    }

    void bindRtxSsrc(int newRtxSsrc) {
        rtxSsrc = newRtxSsrc;
    }

    /** Whether {@code rid} (bytes {@code [off, off + len)}) names this layer; compares without allocating. */
    boolean hasRid(byte[] buf, int off, int len) {
        if (rid == null || rid.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (rid[i] != buf[off + i]) {
                return false;
            }
        }
        return true;
    }

    RtpReceiveStats receiveStats() {
        return receiveStats;
    }

    /**
     * Keeps a copy of the packet for retransmissions and notes it for our own NACKs. Returns false for a packet seen
     * before (a duplicate, or a retransmission that arrived after the original): it must not be forwarded again.
     */
    boolean remember(RtpPacket packet, long arrivalNanos) {
        long extendedSequence = unwrapper.unwrap(packet.sequenceNumber());
        lastExtendedSequence = extendedSequence;
        if (nackGenerator != null) {
            nackGenerator.onPacket(extendedSequence, arrivalNanos);
        }
        if (cache != null && !cache.put(packet, extendedSequence, arrivalNanos)) {
            duplicates.increment();
            return false;
        }
        return true;
    }

    /** The extended sequence number of the packet being forwarded: its key in {@link #cache()}. */
    long lastExtendedSequence() {
        return lastExtendedSequence;
    }

    /** Notes the temporal layer of a packet (VP8 TID, RFC 7741 §4.2). */
    void noteTemporalLayer(int temporalLayer) {
        if (temporalLayer > highestTemporalLayer) {
            highestTemporalLayer = temporalLayer;
        }
    }

    /** Temporal layers seen on this layer so far: 1 for a stream without temporal scalability. */
    public int temporalLayersSeen() {
        return highestTemporalLayer + 1;
    }

    PacketCache cache() {
        return cache;
    }

    NackGenerator nackGenerator() {
        return nackGenerator;
    }

    public long duplicates() {
        return duplicates.get();
    }

    void close() {
        if (cache != null) {
            cache.close();
        }
    }

    void countPacket() {
        packetsReceived.increment();
    }

    void onKeyframeSize(int widthPx, int heightPx) {
        frameWidthPx = widthPx;
        frameHeightPx = heightPx;
    }
}
