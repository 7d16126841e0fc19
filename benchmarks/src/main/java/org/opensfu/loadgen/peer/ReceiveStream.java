package org.opensfu.loadgen.peer;

import org.opensfu.core.codec.vp8.Vp8PayloadDescriptor;
import org.opensfu.core.repair.NackGenerator;
import org.opensfu.core.rtp.RtpPacket;
import org.opensfu.core.rtp.SequenceNumberUnwrapper;
import org.opensfu.core.stream.RtpReceiveStats;
import org.opensfu.loadgen.measure.ClientMetrics;
import org.opensfu.loadgen.media.PayloadStamp;

/**
 * One stream a simulated participant receives from the SFU (an SSRC announced in the SDP, with its RTX SSRC when
 * negotiated), and what a browser's receiver does with it: receive statistics for receiver reports (RFC 3550 A.1-A.8),
 * loss detection and NACKs for video (RFC 4585 §6.2.1, {@link NackGenerator}), the decoder's need for a key frame
 * (answered with a PLI), and, for measurement, the transit time of every original packet ({@link PayloadStamp}) and
 * the loss left after repair ({@link LossCounter}). Confined to the peer's media loop.
 */
public final class ReceiveStream {
    /** A decoder without a key frame this long after its first packet asks again. */
    static final long KEYFRAME_WAIT_NANOS = 1_000_000_000L;
    /** At most one PLI per stream in this interval (libwebrtc waits about as long between requests). */
    static final long PLI_INTERVAL_NANOS = 300_000_000L;

    private final StreamInfo info;
    private final SequenceNumberUnwrapper unwrapper = new SequenceNumberUnwrapper();
    private final LossCounter loss = new LossCounter();
    private final NackGenerator nacks;
    private final RtpReceiveStats stats;
    private final ClientMetrics metrics;
    private boolean keyframeSeen;
    private long firstPacketNanos;
    private long lastPliNanos;
    private boolean pliWanted;
    private long lostReported;
    private long expectedReported;
    private long duplicatesReported;
    private int firstSourceIndex = -1;
    private int lastSourceIndex = -1;
    private long packets;
    private long retransmissions;

    public ReceiveStream(StreamInfo info, ClientMetrics metrics) {
        this.info = info;
        this.metrics = metrics;
        this.nacks = info.video() ? new NackGenerator() : null;
        this.stats = new RtpReceiveStats(info.video() ? 90_000 : 48_000);
    }

    public StreamInfo info() {
        return info;
    }

    /** A packet on the stream's own SSRC. */
    void onMedia(RtpPacket packet, long arrivalNanos, Vp8PayloadDescriptor vp8) {
        if (packet.payloadLength() == 0) {
            metrics.paddingReceived.increment();
            return;
        }
        long sequence = unwrapper.unwrap(packet.sequenceNumber());
        stats.onPacket(packet.sequenceNumber(), packet.timestamp(), arrivalNanos, packet.length());
        boolean fresh = account(packet, sequence, arrivalNanos, vp8);
        int payloadEnd = packet.payloadOffset() + packet.payloadLength();
        if (fresh && PayloadStamp.present(packet.buffer(), packet.payloadOffset(), packet.payloadLength())) {
            metrics.recordTransit(arrivalNanos - PayloadStamp.sendNanos(packet.buffer(), payloadEnd));
        }
    }

    /** A packet on the stream's RTX SSRC (RFC 4588 §4): the original sequence number leads its payload. */
    void onRetransmission(RtpPacket packet, long arrivalNanos, Vp8PayloadDescriptor vp8) {
        if (packet.payloadLength() < 2) {
            metrics.paddingReceived.increment(); // a bandwidth probe
            return;
        }
        metrics.retransmissionsReceived.increment();
        retransmissions++;
        int originalSequence = ((packet.buffer()[packet.payloadOffset()] & 0xFF) << 8)
                | (packet.buffer()[packet.payloadOffset() + 1] & 0xFF);
        long sequence = unwrapper.unwrap(originalSequence);
        account(packet, sequence, arrivalNanos, null);
    }

    /** Counts a packet in; returns true if it is the first copy of its number. */
    private boolean account(RtpPacket packet, long sequence, long arrivalNanos, Vp8PayloadDescriptor vp8) {
        long duplicatesBefore = loss.duplicates();
        long lateBefore = loss.lateAfterSettled();
        loss.onPacket(sequence);
        if (nacks != null) {
            nacks.onPacket(sequence, arrivalNanos);
        }
        if (loss.duplicates() != duplicatesBefore || loss.lateAfterSettled() != lateBefore) {
            metrics.duplicates.increment();
            return false;
        }
        packets++;
        if (firstPacketNanos == 0) {
            firstPacketNanos = arrivalNanos;
        }
        int payloadEnd = packet.payloadOffset() + packet.payloadLength();
        if (PayloadStamp.present(packet.buffer(), packet.payloadOffset(), packet.payloadLength())) {
            int sourceIndex = PayloadStamp.sourceIndex(packet.buffer(), payloadEnd);
            if (firstSourceIndex < 0) {
                firstSourceIndex = sourceIndex;
            }
            lastSourceIndex = Math.max(lastSourceIndex, sourceIndex);
        }
        metrics.mediaPacketsReceived.increment();
        metrics.mediaBytesReceived.add(packet.length());
        if (!info.video()) {
            metrics.audioPacketsReceived.increment();
        } else if (vp8 != null && vp8.wrap(packet.buffer(), packet.payloadOffset(), packet.payloadLength())
                && vp8.isKeyframe()) {
            keyframeSeen = true;
            metrics.keyframesReceived.increment();
        }
        return true;
    }

    /**
     * Every tick: settles loss, writes the sequence numbers to NACK now into {@code nackOut} and returns how many, and
     * decides whether a PLI is due ({@link #takePli}).
     */
    int tick(long nowNanos, long repairWindowNanos, int[] nackOut) {
        loss.tick(nowNanos, repairWindowNanos);
        long newlyLost = loss.lost() - lostReported;
        metrics.packetsLost.add(newlyLost);
        metrics.packetsExpected.add(loss.expected() - expectedReported);
        lostReported = loss.lost();
        expectedReported = loss.expected();
        if (nacks == null) {
            return 0;
        }
        if (newlyLost > 0 || nacks.keyframeNeeded()
                || (!keyframeSeen && firstPacketNanos != 0 && nowNanos - firstPacketNanos > KEYFRAME_WAIT_NANOS)) {
            pliWanted = true; // a frame could not be decoded: the decoder needs a key frame
        }
        return nacks.collectNacks(nowNanos, 0, nackOut);
    }

    /** True once when a PLI should go out now (rate-limited). */
    boolean takePli(long nowNanos) {
        if (!pliWanted || (lastPliNanos != 0 && nowNanos - lastPliNanos < PLI_INTERVAL_NANOS)) {
            return false;
        }
        pliWanted = false;
        lastPliNanos = nowNanos;
        if (!keyframeSeen) {
            firstPacketNanos = nowNanos; // wait another interval for the answer
        }
        return true;
    }

    /** Settles everything still open (end of a run) and reports it. */
    void flush() {
        loss.flush();
        metrics.packetsLost.add(loss.lost() - lostReported);
        metrics.packetsExpected.add(loss.expected() - expectedReported);
        lostReported = loss.lost();
        expectedReported = loss.expected();
    }

    RtpReceiveStats stats() {
        return stats;
    }

    /** Whether a receiver report block about this stream can be written. */
    boolean reportable() {
        return stats.isReportable();
    }

    /** The stream's counts so far (call on the loop, or after it stopped). */
    public StreamReport report() {
        return new StreamReport(info, packets, retransmissions, loss.expected(), loss.received(), loss.lost(),
                loss.duplicates(), loss.lateAfterSettled(), firstSourceIndex, lastSourceIndex, keyframeSeen);
    }
}
