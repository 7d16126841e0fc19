package org.opensfu.core.router;

import java.util.Arrays;
import org.opensfu.core.allocation.Layer;
import org.opensfu.core.allocation.TrackConstraints;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.forward.VideoLayerForwarder;
import org.opensfu.core.repair.CachedPacket;
import org.opensfu.core.repair.RtxPacket;
import org.opensfu.core.repair.SentPacketHistory;
import org.opensfu.core.repair.SentPacketInfo;
import org.opensfu.core.rtp.HeaderExtension;
import org.opensfu.core.rtp.HeaderExtensionMap;
import org.opensfu.core.rtp.HeaderExtensionRewriter;
import org.opensfu.core.rtp.RtpPacket;
import org.opensfu.core.speaker.AudioLevel;
import org.opensfu.core.stats.Counter;
import org.opensfu.core.stream.RtpSendStats;
import org.opensfu.core.util.Bytes;

/**
 * One subscriber's copy of one producer's stream. It rewrites each forwarded packet to the subscriber's numbering: its
 * own SSRC, the subscriber's payload type and header extension IDs, and sequence numbers and timestamps of its own
 * (RFC 3550 §5.1: random starts), so a receiver sees one continuous stream whatever layer it comes from.
 *
 * <ul>
 *   <li>Audio: sequence numbers and timestamps are the producer's, shifted by a constant.</li>
 *   <li>Video: a {@link VideoLayerForwarder} picks the simulcast and temporal layer the bandwidth allocator chose and
 *       renumbers sequence numbers, timestamps, picture IDs and TL0PICIDX across switches. What was sent is
 *       remembered ({@link SentPacketHistory}) so the subscriber's NACKs are answered from the producer's cache, on
 *       the RTX stream when one was negotiated (RFC 4588).</li>
 * </ul>
 *
 * <p>Every packet sent carries the subscriber's next transport-wide sequence number when it negotiated transport-cc,
 * and is reported to the subscriber's bandwidth estimator. Confined to the router's loop.
 */
public final class Consumer {
    /** Sent packets remembered per video consumer, for NACKs: a power of two, over a second of 2.5 Mbit/s. */
    static final int HISTORY_PACKETS = 1024;
    static final long HISTORY_AGE_NANOS = 1_000_000_000L;
    /** Retransmissions before the first RTT measurement are spaced by this much. */
    static final long UNKNOWN_RTT_NANOS = 100_000_000L;
    /** The video layer forwarded before the allocator has decided: the lowest resolution, every frame. */
    static final Layer STARTING_LAYER = new Layer(0, Producer.MAX_TEMPORAL_LAYERS - 1);
    /** Bytes SRTP adds to each packet (authentication tag; AES-GCM's 16 is the larger), counted for the estimator. */
    static final int SRTP_OVERHEAD_BYTES = 16;
    /** Header of a padding probe: the fixed header and one one-byte extension element (transport-cc), word-padded. */
    static final int PADDING_HEADER_BYTES = RtpPacket.FIXED_HEADER_LENGTH + 8;

    private final Producer producer;
    private final RouterEndpoint subscriber;
    private final ConsumerSpec spec;
    private final byte[] extensionTable;
    /** The subscriber's transport-cc extension ID, 0 if it did not negotiate transport-wide congestion control. */
    private final int transportCcId;
    /** Video only. */
    private final VideoLayerForwarder forwarder;
    private final SentPacketHistory history;
    private final int initialSequenceNumber;
    private final long initialTimestamp;
    private boolean started;
    /** Audio: what is added to the producer's sequence numbers (mod 2^16). */
    private int sequenceDelta;
    /** What was added to the producer's RTP timestamps (mod 2^32) for the packet last forwarded. */
    private long timestampDelta;
    /** The producer layer of the packet last forwarded (its sender reports map our timestamps to wall clock). */
    private int sourceLayer;
    private int nextRtxSequenceNumber;
    private boolean closed;
    private TrackConstraints constraints = TrackConstraints.DEFAULT;
    private boolean suspendedByLastN;
    /** Audio: whether silent packets are left out, and where the numbering stands. */
    private final boolean skipSilence;
    private int highestAudioSequence;
    private boolean skippedAny;
    private int lastSkippedSequence;

    private final RtpSendStats sendStats = new RtpSendStats();
    private final Counter packetsSent = new Counter();
    private final Counter sendFailures = new Counter();
    private final Counter retransmissionsSent = new Counter();
    private final Counter paddingPacketsSent = new Counter();
    private final Counter silentPacketsSkipped = new Counter();
    private final Counter lateAudioDropped = new Counter();

    Consumer(Producer producer, RouterEndpoint subscriber, ConsumerSpec spec, int initialSequenceNumber,
             long initialTimestamp, int initialPictureId, int initialRtxSequenceNumber, boolean skipSilence) {
        this.producer = producer;
        this.skipSilence = skipSilence && !producer.isVideo()
                && producer.spec().extensions().id(HeaderExtension.AUDIO_LEVEL) != 0;
        this.subscriber = subscriber;
        this.spec = spec;
        this.extensionTable = HeaderExtensionMap.forwardingTable(producer.spec().extensions(), spec.extensions());
        this.transportCcId = spec.extensions().id(HeaderExtension.TRANSPORT_CC);
        this.initialSequenceNumber = initialSequenceNumber & 0xFFFF;
        this.initialTimestamp = initialTimestamp & 0xFFFFFFFFL;
        this.nextRtxSequenceNumber = initialRtxSequenceNumber & 0xFFFF;
        if (producer.isVideo()) {
            this.forwarder = new VideoLayerForwarder(initialSequenceNumber, initialTimestamp, initialPictureId, 0);
            this.forwarder.setTarget(STARTING_LAYER.spatial(), STARTING_LAYER.temporal()); // until the allocator runs
            this.history = new SentPacketHistory(HISTORY_PACKETS, HISTORY_AGE_NANOS, UNKNOWN_RTT_NANOS);
        } else {
            this.forwarder = null;
            this.history = null;
        }
    }

    public Producer producer() {
        return producer;
    }

    public RouterEndpoint subscriber() {
        return subscriber;
    }

    public ConsumerSpec spec() {
        return spec;
    }

    public int ssrc() {
        return spec.ssrc();
    }

    public boolean isVideo() {
        return forwarder != null;
    }

    public long packetsSent() {
        return packetsSent.get();
    }

    public long sendFailures() {
        return sendFailures.get();
    }

    /** Packets resent after the subscriber's NACKs. */
    public long retransmissionsSent() {
        return retransmissionsSent.get();
    }

    /** Audio packets of digital silence not sent. */
    public long silentPacketsSkipped() {
        return silentPacketsSkipped.get();
    }

    /** Padding packets sent to probe the subscriber's link. */
    public long paddingPacketsSent() {
        return paddingPacketsSent.get();
    }

    /** The layer forwarded now ({@link Layer#NONE} for audio, or video not started or paused). */
    public Layer currentLayer() {
        if (forwarder == null || forwarder.currentSpatialLayer() < 0) {
            return Layer.NONE;
        }
        return new Layer(forwarder.currentSpatialLayer(), Math.max(0, forwarder.currentTemporalLayer()));
    }

    /** The layer the allocator chose ({@link Layer#NONE} for audio, or paused). */
    public Layer targetLayer() {
        if (forwarder == null || forwarder.targetSpatialLayer() < 0) {
            return Layer.NONE;
        }
        return new Layer(forwarder.targetSpatialLayer(), forwarder.targetTemporalLayer());
    }

    /** The video forwarder (its counters: switches, drops), null for audio. */
    public VideoLayerForwarder forwarder() {
        return forwarder;
    }

    RtpSendStats sendStats() {
        return sendStats;
    }

    SentPacketHistory history() {
        return history;
    }

    /** What was added to the producer's RTP timestamps (mod 2^32) to get ours, for the packet last forwarded. */
    long timestampDelta() {
        return timestampDelta;
    }

    public TrackConstraints constraints() {
        return constraints;
    }

    /** What the allocator applies: the subscriber's constraints, or no video while last-N leaves this one out. */
    TrackConstraints effectiveConstraints() {
        return suspendedByLastN ? constraints.withMaxHeightPx(0) : constraints;
    }

    /** Whether last-N leaves this video out for now. */
    public boolean suspendedByLastN() {
        return suspendedByLastN;
    }

    void setSuspendedByLastN(boolean suspended) {
        suspendedByLastN = suspended;
    }

    void setConstraints(TrackConstraints constraints) {
        this.constraints = constraints;
    }

    /** The producer layer forwarded last (its sender reports and keyframes are the ones that matter). */
    int sourceLayer() {
        return sourceLayer;
    }

    /** Sets the video layer to forward; {@link Layer#NONE} pauses. Returns true if it changed. */
    boolean setTarget(Layer layer) {
        if (forwarder == null) {
            return false;
        }
        int spatial = layer.isNone() ? -1 : layer.spatial();
        int temporal = layer.isNone() ? -1 : layer.temporal();
        if (forwarder.targetSpatialLayer() == spatial && forwarder.targetTemporalLayer() == temporal) {
            return false;
        }
        forwarder.setTarget(spatial, temporal);
        return true;
    }

    /** The producer layer a keyframe is needed from to start or switch, or -1 when none is needed. */
    int keyframeLayerNeeded() {
        return forwarder != null && forwarder.needsKeyframe() ? forwarder.targetSpatialLayer() : -1;
    }

    /** The layer whose keyframe the subscriber's PLI or FIR should be answered with. */
    int keyframeLayerForRequest() {
        if (forwarder == null) {
            return 0;
        }
        int current = forwarder.currentSpatialLayer();
        return current >= 0 ? current : Math.max(0, forwarder.targetSpatialLayer());
    }

    boolean started() {
        return started;
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        closed = true;
    }

    /**
     * Forwards a producer packet if this consumer wants it: copies it into the scratch buffer, rewrites the copy and
     * sends it. The original is untouched.
     */
    void forward(int layerIndex, RtpPacket source, ForwardingScratch scratch, long nowNanos) {
        if (!subscriber.isConnected()) {
            return;
        }
        RtpPacket copy = scratch.packetView;
        if (forwarder != null) {
            if (!forwarder.accept(layerIndex, source, scratch.sourceVp8, nowNanos)) {
                return;
            }
            copyInto(scratch, source);
            forwarder.rewrite(copy, scratch.copyVp8);
            started = true;
        } else {
            if (layerIndex != 0 || skipsAudio(source)) {
                return;
            }
            if (!started) {
                sequenceDelta = initialSequenceNumber - source.sequenceNumber();
                started = true;
                highestAudioSequence = source.sequenceNumber();
            } else if (isNewer(source.sequenceNumber(), highestAudioSequence)) {
                highestAudioSequence = source.sequenceNumber();
            }
            copyInto(scratch, source);
            copy.setSequenceNumber((source.sequenceNumber() + sequenceDelta) & 0xFFFF);
            copy.setTimestamp((source.timestamp() + initialTimestamp) & 0xFFFFFFFFL);
        }
        sourceLayer = layerIndex;
        timestampDelta = (copy.timestamp() - source.timestamp()) & 0xFFFFFFFFL;
        finishAndSend(scratch, copy, -1, nowNanos);
        if (history != null) {
            history.onSent(copy.sequenceNumber(), layerIndex,
                    producer.layer(layerIndex).lastExtendedSequence(), copy.timestamp(),
                    forwarder.outputPictureId(), forwarder.outputTl0PicIdx(), copy.marker(), nowNanos);
        }
        if (source.payloadLength() > 0) {
            sendStats.onSent(copy.timestamp(), source.payloadLength(), nowNanos);
        }
    }

    /**
     * Audio silence skipping: a packet the publisher marked as digital silence (RFC 6464 level 127) is not sent, and
     * the numbering closes over it so the subscriber sees no loss, only a gap in time as after DTX (RFC 7587 §3.1.3).
     * A packet older than a skipped one would collide with a number already used: it is dropped too.
     */
    private boolean skipsAudio(RtpPacket source) {
        int sequence = source.sequenceNumber();
        if (skippedAny && !isNewer(sequence, lastSkippedSequence)) {
            lateAudioDropped.increment();
            return true;
        }
        if (!skipSilence || producer.audioLevel() != AudioLevel.SILENCE_DBOV || !started
                || !isNewer(sequence, highestAudioSequence)) {
            return false;
        }
        sequenceDelta--;
        skippedAny = true;
        lastSkippedSequence = sequence;
        highestAudioSequence = sequence;
        silentPacketsSkipped.increment();
        return true;
    }

    /** Whether 16-bit sequence number {@code a} is after {@code b} (RFC 3550 §A.1 serial arithmetic). */
    private static boolean isNewer(int a, int b) {
        int diff = (a - b) & 0xFFFF;
        return diff != 0 && diff < 0x8000;
    }

    private static void copyInto(ForwardingScratch scratch, RtpPacket source) {
        scratch.packet.copyFrom(source.buffer(), source.offset(), source.length());
        scratch.packetView.wrap(scratch.packet.array(), scratch.packet.offset(), scratch.packet.length());
    }

    /** Sets what every packet to this subscriber has: SSRC, payload type, extension IDs, transport sequence. Sends. */
    private void finishAndSend(ForwardingScratch scratch, RtpPacket copy, int probeClusterId, long nowNanos) {
        copy.setSsrc(spec.ssrc());
        copy.setPayloadType(spec.payloadType());
        HeaderExtensionRewriter.rewrite(copy, extensionTable);
        stampTransportSequence(copy, scratch.packet.length(), probeClusterId);
        if (subscriber.transport().sendRtp(scratch.packet)) {
            packetsSent.increment();
        } else {
            sendFailures.increment();
        }
    }

    /**
     * Overwrites the kept transport-cc element with the subscriber's next transport-wide sequence number, and tells
     * the subscriber's estimator (which takes the send time itself: the packet may have waited since it arrived).
     */
    private void stampTransportSequence(RtpPacket copy, int lengthBytes, int probeClusterId) {
        if (transportCcId == 0) {
            return;
        }
        int index = copy.findExtension(transportCcId);
        if (index >= 0 && copy.extensionDataLength(index) == 2) {
            int sequence = subscriber.takeTransportSequence();
            Bytes.writeUint16(copy.buffer(), copy.extensionDataOffset(index), sequence);
            subscriber.onPacketSent(sequence, lengthBytes + SRTP_OVERHEAD_BYTES, probeClusterId);
        }
    }

    /**
     * Resends a packet the subscriber NACKed, exactly as it was first sent (RFC 4588 §1), wrapped in RTX when
     * negotiated (§4), else as the original again.
     */
    void resend(CachedPacket original, SentPacketInfo sent, ForwardingScratch scratch, long nowNanos) {
        PacketBuffer buffer = scratch.packet;
        RtpPacket copy = scratch.packetView;
        buffer.copyFrom(original.array(), original.offset(), original.length());
        if (!copy.wrap(buffer.array(), buffer.offset(), buffer.length())) {
            return;
        }
        copy.setSequenceNumber(sent.outputSeq());
        copy.setTimestamp(sent.outputTimestamp());
        copy.setMarker(sent.marker());
        if ((sent.codecField1() >= 0 || sent.codecField2() >= 0)
                && scratch.copyVp8.wrap(buffer.array(), copy.payloadOffset(), copy.payloadLength())) {
            if (sent.codecField1() >= 0) {
                scratch.copyVp8.setPictureId(sent.codecField1());
            }
            if (sent.codecField2() >= 0) {
                scratch.copyVp8.setTl0PicIdx(sent.codecField2());
            }
        }
        copy.setSsrc(spec.ssrc());
        copy.setPayloadType(spec.payloadType());
        HeaderExtensionRewriter.rewrite(copy, extensionTable);
        if (spec.hasRtx()) {
            int length = RtxPacket.write(buffer.array(), buffer.offset(), copy, spec.rtxSsrc(), spec.rtxPayloadType(),
                    takeRtxSequenceNumber());
            if (length == 0 || !copy.wrap(buffer.array(), buffer.offset(), length)) {
                return;
            }
            buffer.setOffsetAndLength(buffer.offset(), length);
        }
        stampTransportSequence(copy, buffer.length(), -1);
        if (subscriber.transport().sendRtp(buffer)) {
            retransmissionsSent.increment();
        } else {
            sendFailures.increment();
        }
    }

    /** Whether this consumer can carry padding probes: an RTX stream and a started video stream to time them by. */
    boolean canProbe() {
        return spec.hasRtx() && transportCcId != 0 && started && forwarder != null && !closed;
    }

    /**
     * Sends one padding-only packet on the RTX stream (RFC 3550 §5.1 padding, RFC 4588 §4 stream) for bandwidth
     * probing, stamped for transport-cc. Returns its size in bytes as counted by the estimator, or 0 if not sent.
     *
     * @param paddingBytes 1 to 255
     */
    int sendPadding(int paddingBytes, int probeClusterId, ForwardingScratch scratch, long nowNanos) {
        if (!canProbe() || !subscriber.isConnected()) {
            return 0;
        }
        PacketBuffer buffer = scratch.packet;
        byte[] b = buffer.array();
        int off = PacketBuffer.HEADROOM;
        int headerLength = PADDING_HEADER_BYTES;
        int length = headerLength + paddingBytes;
        b[off] = (byte) 0xB0; // V=2, P=1, X=1, CC=0
        b[off + 1] = (byte) (spec.rtxPayloadType() & 0x7F);
        Bytes.writeUint16(b, off + 2, takeRtxSequenceNumber());
        Bytes.writeInt32(b, off + 4, (int) sendStats.lastRtpTimestamp());
        Bytes.writeInt32(b, off + 8, spec.rtxSsrc());
        Bytes.writeUint16(b, off + 12, RtpPacket.PROFILE_ONE_BYTE);
        Bytes.writeUint16(b, off + 14, 1);
        b[off + 16] = (byte) (transportCcId << 4 | 1); // ID, length - 1 (RFC 8285 §4.2)
        b[off + 17] = 0;
        b[off + 18] = 0;
        b[off + 19] = 0;
        Arrays.fill(b, off + headerLength, off + length - 1, (byte) 0);
        b[off + length - 1] = (byte) paddingBytes; // the count includes itself (RFC 3550 §5.1)
        buffer.setOffsetAndLength(off, length);
        RtpPacket view = scratch.packetView;
        if (!view.wrap(b, off, length)) {
            return 0;
        }
        stampTransportSequence(view, length, probeClusterId);
        if (!subscriber.transport().sendRtp(buffer)) {
            sendFailures.increment();
            return 0;
        }
        paddingPacketsSent.increment();
        return length + SRTP_OVERHEAD_BYTES;
    }

    private int takeRtxSequenceNumber() {
        int sequence = nextRtxSequenceNumber;
        nextRtxSequenceNumber = (nextRtxSequenceNumber + 1) & 0xFFFF;
        return sequence;
    }
}
