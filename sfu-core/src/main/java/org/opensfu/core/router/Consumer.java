package org.opensfu.core.router;

import org.opensfu.core.allocation.TrackConstraints;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.rtp.HeaderExtension;
import org.opensfu.core.rtp.HeaderExtensionMap;
import org.opensfu.core.rtp.HeaderExtensionRewriter;
import org.opensfu.core.rtp.RtpPacket;
import org.opensfu.core.stats.Counter;
import org.opensfu.core.stream.RtpSendStats;
import org.opensfu.core.util.Bytes;

/**
 * One subscriber's copy of one producer's stream. It rewrites each forwarded packet to the subscriber's numbering: its
 * own SSRC, the subscriber's payload type and header extension IDs, and sequence numbers and timestamps shifted to a
 * random start (RFC 3550 §5.1), so a receiver sees a continuous stream of its own. Confined to the router's loop.
 */
public final class Consumer {
    private final Producer producer;
    private final RouterEndpoint subscriber;
    private final ConsumerSpec spec;
    private final byte[] extensionTable;
    /** The subscriber's transport-cc extension ID, 0 if it did not negotiate transport-wide congestion control. */
    private final int transportCcId;
    private final int initialSequenceNumber;
    private final long initialTimestamp;
    private boolean started;
    private int sequenceDelta;
    private long timestampDelta;
    private boolean closed;
    /** The producer layer this consumer forwards. */
    private int sourceLayer;
    private TrackConstraints constraints = TrackConstraints.DEFAULT;

    private final RtpSendStats sendStats = new RtpSendStats();
    private final Counter packetsSent = new Counter();
    private final Counter sendFailures = new Counter();

    Consumer(Producer producer, RouterEndpoint subscriber, ConsumerSpec spec, int initialSequenceNumber,
             long initialTimestamp) {
        this.producer = producer;
        this.subscriber = subscriber;
        this.spec = spec;
        this.extensionTable = HeaderExtensionMap.forwardingTable(producer.spec().extensions(), spec.extensions());
        this.transportCcId = spec.extensions().id(HeaderExtension.TRANSPORT_CC);
        this.initialSequenceNumber = initialSequenceNumber & 0xFFFF;
        this.initialTimestamp = initialTimestamp & 0xFFFFFFFFL;
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

    public long packetsSent() {
        return packetsSent.get();
    }

    public long sendFailures() {
        return sendFailures.get();
    }

    RtpSendStats sendStats() {
        return sendStats;
    }

    /** What to add to the producer's RTP timestamps (mod 2^32) to get ours. */
    long timestampDelta() {
        return timestampDelta;
    }

    public TrackConstraints constraints() {
        return constraints;
    }

    void setConstraints(TrackConstraints constraints) {
        this.constraints = constraints;
    }

    /** The producer layer forwarded now (its sender reports and keyframes are the ones that matter). */
    int sourceLayer() {
        return sourceLayer;
    }

    /** Overwrites the kept transport-cc element with the subscriber's next transport-wide sequence number. */
    private void stampTransportSequence(RtpPacket copy) {
        if (transportCcId == 0) {
            return;
        }
        int index = copy.findExtension(transportCcId);
        if (index >= 0 && copy.extensionDataLength(index) == 2) {
            Bytes.writeUint16(copy.buffer(), copy.extensionDataOffset(index), subscriber.takeTransportSequence());
        }
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
     * Copies the packet into {@code scratch}, rewrites the copy and sends it. The original is untouched.
     *
     * @param source      the producer's packet, parsed
     * @param scratch     the loop's send buffer, reused for every copy
     * @param scratchView a view to parse the copy with
     */
    void forward(int layerIndex, RtpPacket source, PacketBuffer scratch, RtpPacket scratchView, long nowNanos) {
        if (!subscriber.isConnected() || layerIndex != sourceLayer) {
            return;
        }
        if (!started) {
            sequenceDelta = initialSequenceNumber - source.sequenceNumber();
            timestampDelta = initialTimestamp - source.timestamp();
            started = true;
        }
        scratch.copyFrom(source.buffer(), source.offset(), source.length());
        scratchView.wrap(scratch.array(), scratch.offset(), scratch.length());
        int sequenceNumber = (source.sequenceNumber() + sequenceDelta) & 0xFFFF;
        long timestamp = (source.timestamp() + timestampDelta) & 0xFFFFFFFFL;
        scratchView.setSsrc(spec.ssrc());
        scratchView.setPayloadType(spec.payloadType());
        scratchView.setSequenceNumber(sequenceNumber);
        scratchView.setTimestamp(timestamp);
        HeaderExtensionRewriter.rewrite(scratchView, extensionTable);
        stampTransportSequence(scratchView);
        int payloadLength = source.payloadLength();
        if (subscriber.transport().sendRtp(scratch)) {
            packetsSent.increment();
            sendStats.onSent(timestamp, payloadLength, nowNanos);
        } else {
            sendFailures.increment();
        }
    }
}
