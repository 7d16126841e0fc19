package org.opensfu.core.router;

import java.util.Arrays;
import java.util.List;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.rtp.RtpPacket;
import org.opensfu.core.stats.Counter;
import org.opensfu.core.stream.KeyframeRequestThrottle;
import org.opensfu.core.stream.RtpReceiveStats;

/**
 * One published stream in a room: the publisher's media SSRC (and RTX SSRC) on one m-section. It keeps the receive
 * statistics for our receiver reports and the publisher's last sender report, and fans every packet out to its
 * consumers. Confined to the router's loop.
 */
public final class Producer {
    private final ProducerSpec spec;
    private final RouterEndpoint publisher;
    private final RtpReceiveStats receiveStats;
    private final KeyframeRequestThrottle keyframeThrottle;
    /** Copy-on-write: changed rarely (subscriptions), iterated for every packet without allocation. */
    private Consumer[] consumers = new Consumer[0];
    private boolean closed;

    private boolean haveSenderReport;
    private long lastSrNtp;
    private long lastSrRtpTimestamp;
    private long lastSrArrivalNanos;
    private int firSequenceNumber;

    private final Counter packetsReceived = new Counter();
    private final Counter packetsDropped = new Counter();
    private final Counter keyframeRequestsSent = new Counter();

    Producer(ProducerSpec spec, RouterEndpoint publisher, long keyframeMinIntervalNanos) {
        this.spec = spec;
        this.publisher = publisher;
        this.receiveStats = new RtpReceiveStats(spec.clockRateHz());
        this.keyframeThrottle = new KeyframeRequestThrottle(keyframeMinIntervalNanos);
    }

    public ProducerSpec spec() {
        return spec;
    }

    public String id() {
        return spec.producerId();
    }

    public RouterEndpoint publisher() {
        return publisher;
    }

    public List<Consumer> consumers() {
        return List.of(consumers);
    }

    public long packetsReceived() {
        return packetsReceived.get();
    }

    /** Packets not forwarded: wrong payload type, padding only. */
    public long packetsDropped() {
        return packetsDropped.get();
    }

    public long keyframeRequestsSent() {
        return keyframeRequestsSent.get();
    }

    public long keyframeRequestsSuppressed() {
        return keyframeThrottle.suppressed();
    }

    RtpReceiveStats receiveStats() {
        return receiveStats;
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        closed = true;
        for (Consumer consumer : consumers) {
            consumer.close();
        }
        consumers = new Consumer[0];
    }

    void addConsumer(Consumer consumer) {
        Consumer[] grown = Arrays.copyOf(consumers, consumers.length + 1);
        grown[consumers.length] = consumer;
        consumers = grown;
    }

    void removeConsumer(Consumer consumer) {
        consumers = Arrays.stream(consumers).filter(c -> c != consumer).toArray(Consumer[]::new);
    }

    /** A media packet from the publisher: account for it and forward it to every consumer. */
    void onRtp(RtpPacket packet, PacketBuffer scratch, RtpPacket scratchView, long nowNanos) {
        packetsReceived.increment();
        receiveStats.onPacket(packet.sequenceNumber(), packet.timestamp(), nowNanos, packet.length());
        if (packet.payloadType() != spec.payloadType() || packet.payloadLength() == 0) {
            packetsDropped.increment(); // another codec than negotiated, or a padding-only probe
            return;
        }
        for (Consumer consumer : consumers) {
            consumer.forward(packet, scratch, scratchView, nowNanos);
        }
    }

    void onSenderReport(long ntpTimestamp, long rtpTimestamp, long arrivalNanos) {
        haveSenderReport = true;
        lastSrNtp = ntpTimestamp;
        lastSrRtpTimestamp = rtpTimestamp & 0xFFFFFFFFL;
        lastSrArrivalNanos = arrivalNanos;
        receiveStats.onSenderReport(ntpTimestamp, arrivalNanos);
    }

    boolean haveSenderReport() {
        return haveSenderReport;
    }

    long lastSrNtp() {
        return lastSrNtp;
    }

    long lastSrRtpTimestamp() {
        return lastSrRtpTimestamp;
    }

    long lastSrArrivalNanos() {
        return lastSrArrivalNanos;
    }

    /** True if a keyframe request may go to the publisher now (the throttle coalesces the rest). */
    boolean tryKeyframeRequest(long nowNanos) {
        boolean allowed = keyframeThrottle.tryRequest(nowNanos);
        if (allowed) {
            keyframeRequestsSent.increment();
        }
        return allowed;
    }

    /** The next FIR command sequence number (RFC 5104 §4.3.1.1: incremented per new request). */
    int nextFirSequenceNumber() {
        firSequenceNumber = (firSequenceNumber + 1) & 0xFF;
        return firSequenceNumber;
    }
}
