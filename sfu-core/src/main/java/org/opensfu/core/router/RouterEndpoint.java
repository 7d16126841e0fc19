package org.opensfu.core.router;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.bwe.SendSideBandwidthEstimator;
import org.opensfu.core.rtp.HeaderExtension;
import org.opensfu.core.speaker.LastNSelector;
import org.opensfu.core.stats.Counter;
import org.opensfu.core.stream.TransportCcReceiver;
import org.opensfu.core.transport.CloseReason;
import org.opensfu.core.transport.TransportListener;
import org.opensfu.core.transport.WebRtcTransport;
import org.opensfu.core.util.IntObjectMap;

/**
 * A participant's side of the router: its transport's listener, its producers (what it publishes, by SSRC) and its
 * consumers (what it receives, by our SSRC). Confined to the router's loop.
 */
public final class RouterEndpoint implements TransportListener {
    private final Router router;
    private final String participantId;
    private final int localSsrc;
    private final byte[] cname;
    private WebRtcTransport transport;
    private boolean connected;
    private boolean closed;

    private final IntObjectMap<Producer> producersBySsrc = new IntObjectMap<>();
    private final IntObjectMap<Consumer> consumersBySsrc = new IntObjectMap<>();
    private final List<Producer> producers = new ArrayList<>();
    private final List<Consumer> consumers = new ArrayList<>();

    /** Transport-wide sequence numbers of what this participant sends us, for transport-cc feedback; 0 = none. */
    private int transportCcExtensionId;
    private final TransportCcReceiver transportCcReceiver = new TransportCcReceiver();
    /** The transport-wide sequence number of the next packet we send this participant (16 bits). */
    private int nextTransportSequence;

    private final Counter rtpMalformed = new Counter();
    private final Counter rtpUnknownSsrc = new Counter();
    private final Counter rtxIgnored = new Counter();
    private final Counter rtcpMalformed = new Counter();
    private final Counter retransmissionsReceived = new Counter();
    private final Counter nacksSent = new Counter();

    /** The bandwidth estimate and layer allocation of what we send this participant. */
    private final SubscriberRateControl rateControl;
    private final RoundTripTime roundTripTime = new RoundTripTime();
    /** Whether any consumer of this participant negotiated transport-cc (then we get feedback on what we send). */
    private boolean usesTransportCc;
    private final Counter nacksReceived = new Counter();

    /** This participant's index in the room's speaker detection and last-N, -1 when not in the router. */
    private int speakerIndex = -1;
    /** How many participants' video this participant receives at most ({@link LastNSelector#UNLIMITED}: all). */
    private int lastN = LastNSelector.UNLIMITED;
    /** Last-N's choice, by participant index; kept between rounds (the selector prefers what it already sends). */
    private boolean[] lastNSelection = new boolean[0];
    /** The participants whose video last-N lets through, as last announced; null when no limit was announced. */
    private List<String> forwardedVideo;

    RouterEndpoint(Router router, String participantId, int localSsrc, RouterConfig config) {
        this.router = router;
        this.participantId = participantId;
        this.localSsrc = localSsrc;
        this.cname = participantId.getBytes(StandardCharsets.UTF_8);
        this.rateControl = new SubscriberRateControl(config.bwe(), config.allocator());
    }

    public String participantId() {
        return participantId;
    }

    public WebRtcTransport transport() {
        return transport;
    }

    /** The SSRC we use as RTCP sender toward this participant. */
    public int localSsrc() {
        return localSsrc;
    }

    public boolean isConnected() {
        return connected && !closed;
    }

    public List<Producer> producers() {
        return List.copyOf(producers);
    }

    public List<Consumer> consumers() {
        return List.copyOf(consumers);
    }

    public long rtpMalformed() {
        return rtpMalformed.get();
    }

    public long rtpUnknownSsrc() {
        return rtpUnknownSsrc.get();
    }

    public long rtcpMalformed() {
        return rtcpMalformed.get();
    }

    byte[] cname() {
        return cname;
    }

    void attach(WebRtcTransport transport) {
        if (this.transport != null) {
            throw new IllegalStateException("endpoint " + participantId + " already has a transport");
        }
        this.transport = transport;
    }

    boolean isClosed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    // registries, maintained by the router

    /** Registers the producer under every SSRC its layers already know; false if one is taken. */
    boolean registerProducer(Producer producer) {
        for (int i = 0; i < producer.layerCount(); i++) {
            ProducerLayer layer = producer.layer(i);
            if ((layer.ssrc() != 0 && producersBySsrc.get(layer.ssrc()) != null)
                    || (layer.rtxSsrc() != 0 && producersBySsrc.get(layer.rtxSsrc()) != null)) {
                return false;
            }
        }
        for (int i = 0; i < producer.layerCount(); i++) {
            ProducerLayer layer = producer.layer(i);
            if (layer.ssrc() != 0) {
                producersBySsrc.put(layer.ssrc(), producer);
            }
            if (layer.rtxSsrc() != 0) {
                producersBySsrc.put(layer.rtxSsrc(), producer);
            }
        }
        producers.add(producer);
        if (transportCcExtensionId == 0) {
            transportCcExtensionId = producer.spec().extensions().id(HeaderExtension.TRANSPORT_CC);
        }
        return true;
    }

    void unregisterProducer(Producer producer) {
        for (int i = 0; i < producer.layerCount(); i++) {
            ProducerLayer layer = producer.layer(i);
            if (layer.ssrc() != 0) {
                producersBySsrc.remove(layer.ssrc());
                forgetSrtpContexts(layer.ssrc());
            }
            if (layer.rtxSsrc() != 0) {
                producersBySsrc.remove(layer.rtxSsrc());
                forgetSrtpContexts(layer.rtxSsrc());
            }
        }
        producers.remove(producer);
    }

    /** Binds an SSRC learned from a packet's rid to a layer (or its RTX); false if the SSRC is taken. */
    boolean bindLayerSsrc(Producer producer, ProducerLayer layer, int ssrc, boolean rtx) {
        if (ssrc == 0 || producersBySsrc.get(ssrc) != null || consumersBySsrc.get(ssrc) != null) {
            return false;
        }
        producersBySsrc.put(ssrc, producer);
        if (rtx) {
            layer.bindRtxSsrc(ssrc);
        } else {
            layer.bindSsrc(ssrc);
        }
        return true;
    }

    /** The producers, not copied: for the router's timers, on the loop. */
    List<Producer> producersList() {
        return producers;
    }

    boolean registerConsumer(Consumer consumer) {
        if (consumersBySsrc.get(consumer.ssrc()) != null || producersBySsrc.get(consumer.ssrc()) != null) {
            return false;
        }
        if (consumer.spec().hasRtx() && (consumersBySsrc.get(consumer.spec().rtxSsrc()) != null
                || producersBySsrc.get(consumer.spec().rtxSsrc()) != null)) {
            return false;
        }
        consumersBySsrc.put(consumer.ssrc(), consumer);
        consumers.add(consumer);
        usesTransportCc |= consumer.spec().extensions().id(HeaderExtension.TRANSPORT_CC) != 0;
        return true;
    }

    void unregisterConsumer(Consumer consumer) {
        consumersBySsrc.remove(consumer.ssrc());
        consumers.remove(consumer);
        forgetSrtpContexts(consumer.ssrc());
        if (consumer.spec().hasRtx()) {
            forgetSrtpContexts(consumer.spec().rtxSsrc());
        }
    }

    /** Frees the SRTP contexts of an SSRC that is gone, so that track churn never reaches the per-session cap. */
    private void forgetSrtpContexts(int ssrc) {
        if (transport != null) {
            transport.forgetSsrc(ssrc);
        }
    }

    int speakerIndex() {
        return speakerIndex;
    }

    void setSpeakerIndex(int index) {
        speakerIndex = index;
    }

    /** The most participants whose video this participant receives, {@link LastNSelector#UNLIMITED} for all. */
    public int lastN() {
        return lastN;
    }

    void setLastN(int newLastN) {
        lastN = newLastN < 0 ? LastNSelector.UNLIMITED : newLastN;
    }

    /** The selection array for last-N, at least {@code size} long, with the previous selection kept. */
    boolean[] lastNSelection(int size) {
        if (lastNSelection.length < size) {
            lastNSelection = Arrays.copyOf(lastNSelection, Math.max(size, lastNSelection.length * 2));
        }
        return lastNSelection;
    }

    /**
     * Suspends the video consumers of participants last-N did not choose ({@link #lastNSelection}) and resumes the
     * others. Returns true if the chosen participants changed since the last announcement.
     */
    boolean applyLastN(List<String> chosen) {
        for (Consumer consumer : consumers) {
            if (consumer.isVideo()) {
                int publisher = consumer.producer().publisher().speakerIndex();
                consumer.setSuspendedByLastN(publisher < 0 || publisher >= lastNSelection.length
                        || !lastNSelection[publisher]);
            }
        }
        if (chosen.equals(forwardedVideo)) {
            return false;
        }
        forwardedVideo = List.copyOf(chosen);
        return true;
    }

    /** Lifts last-N; returns true if a limit had been announced (the client is to be told it is gone). */
    boolean clearLastN() {
        for (Consumer consumer : consumers) {
            consumer.setSuspendedByLastN(false);
        }
        Arrays.fill(lastNSelection, false);
        boolean announced = forwardedVideo != null;
        forwardedVideo = null;
        return announced;
    }

    /** The participants whose video last-N lets through, in priority order; null without a limit. */
    public List<String> forwardedVideo() {
        return forwardedVideo;
    }

    /** Whether this participant publishes any video. */
    boolean publishesVideo() {
        for (Producer producer : producers) {
            if (producer.isVideo()) {
                return true;
            }
        }
        return false;
    }

    /** The consumers, not copied: for the router's timers, on the loop. */
    List<Consumer> consumersList() {
        return consumers;
    }

    SubscriberRateControl rateControl() {
        return rateControl;
    }

    boolean usesTransportCc() {
        return usesTransportCc;
    }

    /** A packet we send this participant now, with transport-wide sequence number {@code transportSequence}. */
    void onPacketSent(int transportSequence, int sizeBytes, int probeClusterId) {
        rateControl.onPacketSent(transportSequence, router.clock().nowNanos(), sizeBytes, probeClusterId);
    }

    /** The bandwidth estimate toward this participant, bits per second; any thread. */
    public long estimatedBitrateBps() {
        return rateControl.estimateBps();
    }

    /** What the last allocation gave this participant's video, bits per second; any thread. */
    public long allocatedBitrateBps() {
        return rateControl.allocatedBps();
    }

    /** What this participant's video would take at the best layers it allows, bits per second; any thread. */
    public long desiredBitrateBps() {
        return rateControl.desiredBps();
    }

    /**
     * Round-trip time toward this participant in milliseconds: the smoothed figure from its RTCP report blocks once
     * measured, before that the one from transport-cc feedback (which includes the feedback interval); 0 before any.
     */
    public long rttMillis() {
        long smoothedNanos = roundTripTime.smoothedNanos();
        return smoothedNanos >= 0 ? smoothedNanos / 1_000_000L : rateControl.rttMillis();
    }

    /** Smoothed round-trip time from RTCP report blocks (RFC 3550 §6.4.1), microseconds; -1 before any sample. */
    public long smoothedRoundTripTimeMicros() {
        long nanos = roundTripTime.smoothedNanos();
        return nanos < 0 ? -1 : nanos / 1_000L;
    }

    /** The latest round-trip time sample from RTCP report blocks, microseconds; -1 before any. */
    public long latestRoundTripTimeMicros() {
        long nanos = roundTripTime.latestNanos();
        return nanos < 0 ? -1 : nanos / 1_000L;
    }

    /** The smallest round-trip time sample from RTCP report blocks, microseconds; -1 before any. */
    public long minRoundTripTimeMicros() {
        long nanos = roundTripTime.minNanos();
        return nanos < 0 ? -1 : nanos / 1_000L;
    }

    /** Round-trip time samples taken from report blocks. */
    public long roundTripTimeSamples() {
        return roundTripTime.samples();
    }

    /** A report block from this participant about one of the streams we send it; on the loop. */
    void onReportBlock(int mediaSsrc, long lastSrCompactNtp, long delaySinceLastSrMicros, long arrivalNanos) {
        Consumer consumer = consumersBySsrc.get(mediaSsrc);
        if (consumer == null) {
            return;
        }
        long rttNanos = consumer.senderReports().roundTripNanos(lastSrCompactNtp, delaySinceLastSrMicros,
                arrivalNanos);
        if (rttNanos >= 0) {
            roundTripTime.onSample(rttNanos);
        }
    }

    /** The bandwidth estimator toward this participant, for statistics: read it on the router's loop. */
    public SendSideBandwidthEstimator bandwidthEstimator() {
        return rateControl.estimator();
    }

    /** Probe clusters sent to this participant. */
    public long probesStarted() {
        return rateControl.probesStarted();
    }

    void countNackReceived() {
        nacksReceived.increment();
    }

    /** Generic NACK packets received from this participant. */
    public long nacksReceived() {
        return nacksReceived.get();
    }

    /** The header extension ID carrying this participant's transport-wide sequence numbers, or 0. */
    int transportCcExtensionId() {
        return transportCcExtensionId;
    }

    TransportCcReceiver transportCcReceiver() {
        return transportCcReceiver;
    }

    /** Takes the next transport-wide sequence number for a packet sent to this participant. */
    int takeTransportSequence() {
        int sequence = nextTransportSequence;
        nextTransportSequence = (nextTransportSequence + 1) & 0xFFFF;
        return sequence;
    }

    /** Any SSRC this participant sends on (transport-cc feedback names one as its media source), or 0. */
    int anyPublishedSsrc() {
        for (Producer producer : producers) {
            for (int i = 0; i < producer.layerCount(); i++) {
                if (producer.layer(i).ssrc() != 0) {
                    return producer.layer(i).ssrc();
                }
            }
        }
        return 0;
    }

    Producer producerBySsrc(int ssrc) {
        return producersBySsrc.get(ssrc);
    }

    Consumer consumerBySsrc(int ssrc) {
        return consumersBySsrc.get(ssrc);
    }

    void countMalformedRtp() {
        rtpMalformed.increment();
    }

    void countUnknownSsrc() {
        rtpUnknownSsrc.increment();
    }

    void countRtxIgnored() {
        rtxIgnored.increment();
    }

    void countMalformedRtcp() {
        rtcpMalformed.increment();
    }

    void countRetransmissionReceived() {
        retransmissionsReceived.increment();
    }

    void countNacksSent(int sequenceNumbers) {
        nacksSent.add(sequenceNumbers);
    }

    /** Packets the publisher resent after our NACKs. */
    public long retransmissionsReceived() {
        return retransmissionsReceived.get();
    }

    /** Sequence numbers we NACKed to this publisher. */
    public long nacksSent() {
        return nacksSent.get();
    }

    // TransportListener: on the router's loop

    @Override
    public void onTransportConnected(WebRtcTransport transport) {
        connected = true;
        router.onEndpointConnected(this);
    }

    @Override
    public void onRtp(WebRtcTransport transport, PacketBuffer packet) {
        router.onRtp(this, packet);
    }

    @Override
    public void onRtcp(WebRtcTransport transport, PacketBuffer packet) {
        router.onRtcp(this, packet);
    }

    @Override
    public void onTransportClosed(WebRtcTransport transport, CloseReason reason) {
        connected = false;
        router.onEndpointTransportClosed(this, reason);
    }

    @Override
    public String toString() {
        return "RouterEndpoint[" + participantId + "]";
    }
}
