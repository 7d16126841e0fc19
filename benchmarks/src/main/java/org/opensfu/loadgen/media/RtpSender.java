package org.opensfu.loadgen.media;

import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.stats.Counter;
import org.opensfu.core.time.Clock;
import org.opensfu.core.transport.WebRtcTransport;
import org.opensfu.core.util.Bytes;

/**
 * Builds and sends the RTP packets of one peer connection, on its media loop: header and extensions (MID, RID, audio
 * level, and room for the transport-wide sequence number), then the codec writes the payload, then {@link #send}
 * either sends it now or queues it in the {@link Pacer} (video, as libwebrtc's pacer spreads a frame's packets over
 * time). When a packet actually leaves, it gets its transport-wide sequence number, its send time is stamped into the
 * payload's end ({@link PayloadStamp}), a copy is kept for NACKs if asked, and the transport encrypts and sends it.
 *
 * <p>Usage per packet: {@link #begin}, write {@code payloadLength} bytes at {@link #payloadOffset()} of
 * {@link #array()}, {@link #send}; call {@link #pace} every few milliseconds. Loop thread only; counters readable
 * anywhere.
 */
public final class RtpSender {
    /** Copies kept for retransmission: about a second of a 1.5 Mbit/s layer plus the lower ones. */
    static final int HISTORY_PACKETS = 512;

    private final WebRtcTransport transport;
    private final PacketBufferPool pool;
    private final Clock clock;
    private final RtpHeaderWriter writer = new RtpHeaderWriter();
    private final SentPacketRing history = new SentPacketRing(HISTORY_PACKETS);
    private final Pacer pacer = new Pacer();
    private int transportSequence;

    private PacketBuffer current;
    private int headerLength;
    private int transportCcOffset;
    private int currentSsrc;
    private int currentSequenceNumber;

    private final Counter packetsSent = new Counter();
    private final Counter bytesSent = new Counter();
    private final Counter retransmissions = new Counter();
    private final Counter sendFailures = new Counter();

    public RtpSender(WebRtcTransport transport, PacketBufferPool pool, Clock clock) {
        this.transport = transport;
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * Starts a packet: writes its header with the extensions {@code extensions} allows.
     *
     * @param mid             the m-section's MID value, or null
     * @param rid             the simulcast layer's rid, or null
     * @param audioLevelDbov  the RFC 6464 level (0..127, -dBov) with the voice bit, or -1 for none
     */
    public void begin(OutgoingExtensions extensions, byte[] mid, byte[] rid, int audioLevelDbov, boolean voice,
                      int payloadType, boolean marker, int sequenceNumber, long timestamp, int ssrc) {
        if (current != null) {
            throw new IllegalStateException("the previous packet was not sent");
        }
        current = pool.acquire();
        int off = PacketBuffer.HEADROOM;
        writer.begin(current.array(), off, payloadType, marker, sequenceNumber, timestamp, ssrc);
        if (extensions.midId() != 0 && mid != null) {
            writer.extension(extensions.midId(), mid);
        }
        if (extensions.ridId() != 0 && rid != null) {
            writer.extension(extensions.ridId(), rid);
        }
        if (extensions.audioLevelId() != 0 && audioLevelDbov >= 0) {
            writer.extension(extensions.audioLevelId(), (voice ? 0x80 : 0) | (audioLevelDbov & 0x7F), 1);
        }
        transportCcOffset = -1;
        if (extensions.transportCcId() != 0) {
            transportCcOffset = writer.nextDataOffset() - off;
            writer.extension(extensions.transportCcId(), 0, 2); // numbered when it leaves
        }
        headerLength = writer.end();
        currentSsrc = ssrc;
        currentSequenceNumber = sequenceNumber;
    }

    /** The array the payload is written into. */
    public byte[] array() {
        return current.array();
    }

    /** Where the payload starts in {@link #array()}. */
    public int payloadOffset() {
        return PacketBuffer.HEADROOM + headerLength;
    }

    /**
     * Finishes the packet: sends it now, or queues it in the pacer.
     *
     * @param payloadLength          at least {@value PayloadStamp#LENGTH}
     * @param keepForRetransmission  keep a copy to answer NACKs
     * @param paced                  leave through the pacer (video) rather than at once (audio)
     */
    public void send(int payloadLength, int sourceIndex, boolean keepForRetransmission, boolean paced) {
        PacketBuffer packet = current;
        current = null;
        int length = headerLength + payloadLength;
        if (payloadLength < PayloadStamp.LENGTH || length > PacketBuffer.MAX_DATAGRAM) {
            packet.release();
            throw new IllegalArgumentException("payload of " + payloadLength + " bytes");
        }
        packet.setOffsetAndLength(PacketBuffer.HEADROOM, length);
        if (paced && pacer.enabled() && pacer.offer(packet, transportCcOffset, sourceIndex, keepForRetransmission,
                currentSsrc, currentSequenceNumber)) {
            return;
        }
        emit(packet, transportCcOffset, sourceIndex, keepForRetransmission, currentSsrc, currentSequenceNumber);
    }

    /** Sets the pacing rate (0: no pacing, every packet leaves at once). */
    public void setPacingRate(long bitsPerSecond) {
        pacer.setRate(bitsPerSecond);
    }

    /** Sends what the pacer's budget allows by {@code nowNanos}. */
    public void pace(long nowNanos) {
        pacer.drain(nowNanos, this::emit);
    }

    /** Numbers, stamps, keeps a copy of (if asked) and sends one built packet. */
    private void emit(PacketBuffer packet, int twccOffset, int sourceIndex, boolean keep, int ssrc,
                      int sequenceNumber) {
        if (twccOffset >= 0) {
            Bytes.writeUint16(packet.array(), packet.offset() + twccOffset, transportSequence);
            transportSequence = (transportSequence + 1) & 0xFFFF;
        }
        int length = packet.length();
        PayloadStamp.write(packet.array(), packet.offset() + length, clock.nowNanos(), sourceIndex);
        if (keep) {
            history.store(packet.array(), packet.offset(), length, ssrc, sequenceNumber, twccOffset);
        }
        transmit(packet, length);
    }

    /** Drops queued packets (the peer stops). */
    public void discardQueued() {
        pacer.clear();
    }

    /**
     * Sends a kept packet again, with a new transport-wide sequence number; false when it is no longer kept. Its send
     * time stamp is the original one: receivers do not count retransmissions in transit times.
     */
    public boolean resend(int ssrc, int sequenceNumber) {
        int slot = history.find(ssrc, sequenceNumber);
        if (slot < 0) {
            return false;
        }
        PacketBuffer packet = pool.acquire();
        int twccOffset = history.copyTo(slot, packet);
        if (twccOffset >= 0) {
            Bytes.writeUint16(packet.array(), packet.offset() + twccOffset, transportSequence);
            transportSequence = (transportSequence + 1) & 0xFFFF;
        }
        retransmissions.increment();
        transmit(packet, packet.length());
        return true;
    }

    private void transmit(PacketBuffer packet, int length) {
        if (transport.sendRtp(packet)) {
            packetsSent.increment();
            bytesSent.add(length);
        } else {
            sendFailures.increment();
        }
        packet.release();
    }

    /** RTP packets sent, retransmissions included. */
    public long packetsSent() {
        return packetsSent.get();
    }

    /** Plaintext RTP bytes sent. */
    public long bytesSent() {
        return bytesSent.get();
    }

    public long retransmissions() {
        return retransmissions.get();
    }

    /** Packets the transport refused (not connected yet, or closed). */
    public long sendFailures() {
        return sendFailures.get();
    }
}
