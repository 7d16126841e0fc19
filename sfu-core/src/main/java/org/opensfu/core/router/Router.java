package org.opensfu.core.router;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.opensfu.core.allocation.LayerInfo;
import org.opensfu.core.allocation.TrackConstraints;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.loop.MediaLoop;
import org.opensfu.core.repair.NackGenerator;
import org.opensfu.core.repair.NackResponder;
import org.opensfu.core.repair.RtxPacket;
import org.opensfu.core.rtcp.Fir;
import org.opensfu.core.rtcp.GenericNack;
import org.opensfu.core.rtcp.Pli;
import org.opensfu.core.rtcp.RtcpIterator;
import org.opensfu.core.rtcp.RtcpPacketType;
import org.opensfu.core.rtcp.ReceiverReport;
import org.opensfu.core.rtcp.ReportBlock;
import org.opensfu.core.rtcp.RtcpReportView;
import org.opensfu.core.rtcp.SenderReport;
import org.opensfu.core.rtcp.TransportCcFeedback;
import org.opensfu.core.rtp.RtpPacket;
import org.opensfu.core.speaker.AudioLevel;
import org.opensfu.core.stats.LatencyHistogram;
import org.opensfu.core.stats.LatencyHistograms;
import org.opensfu.core.time.Clock;
import org.opensfu.core.util.Bytes;
import org.opensfu.core.transport.CloseReason;
import org.opensfu.core.transport.WebRtcTransport;

/**
 * The media switch of one room: it receives every participant's decrypted RTP and RTCP and forwards media from
 * producers to consumers.
 *
 * <h2>Threading and buffer ownership (the one place this is written down)</h2>
 * <ul>
 *   <li>A router and everything in it (endpoints, producers, consumers, their statistics) is <b>confined to one
 *       {@link MediaLoop}</b>, and so are the transports of the room's participants: their decrypted packets arrive on
 *       that loop. No lock is taken anywhere on the forwarding path.</li>
 *   <li>The network receive thread only copies each datagram into a pooled {@link PacketBuffer} and queues it on the
 *       loop (see {@code WebRtcTransport}); the loop decrypts it in place and calls the router, which <b>owns</b> the
 *       buffer from then on and releases it before returning.</li>
 *   <li>Forwarding copies the packet, for each consumer in turn, into one <b>scratch buffer</b> that belongs to the
 *       router; the copy is rewritten (SSRC, payload type, sequence number, timestamp, header extension IDs),
 *       encrypted in place and sent synchronously, so the scratch buffer is free again for the next consumer. The
 *       original packet is never modified. Nothing is allocated per packet.</li>
 *   <li>Control-plane calls (adding producers and consumers, removing endpoints) must run on the loop: callers use
 *       {@link MediaLoop#execute}. Read-only counters may be read from any thread.</li>
 *   <li>RTCP reports and keyframe requests are written into a second scratch buffer, also on the loop.</li>
 * </ul>
 */
public final class Router implements AutoCloseable {
    /** How often publishers get transport-cc feedback (browsers send theirs every 50-100 ms). */
    static final long TRANSPORT_FEEDBACK_INTERVAL_MILLIS = 50;
    /** How often missing packets are NACKed (the generator waits a reorder tolerance of its own first). */
    static final long NACK_INTERVAL_MILLIS = 20;
    /** Every this many NACK rounds (about a second), caches drop what has aged out. */
    private static final int CACHE_EXPIRY_ROUNDS = 50;
    private final String id;
    private final MediaLoop loop;
    private final PacketBufferPool pool;
    private final Clock clock;
    private final RouterConfig config;
    private final RouterListener listener;
    private final SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
    private final List<RouterEndpoint> endpoints = new ArrayList<>();
    private final Map<String, Producer> producers = new HashMap<>();
    private final RtcpReporter reporter;
    private final RidLearner ridLearner = new RidLearner();
    private final RoomSpeakers speakers = new RoomSpeakers();
    private final MediaLoop.ScheduledTask reportTimer;
    private final MediaLoop.ScheduledTask feedbackTimer;
    private final MediaLoop.ScheduledTask nackTimer;
    private final MediaLoop.ScheduledTask allocationTimer;
    private final int[] nackSequenceNumbers = new int[64];
    private long nackRounds;
    private boolean closed;
    /** Receive-to-forwarded time of every RTP packet, this router's share of the engine's transit times. */
    private final LatencyHistograms transitTimes;
    private final LatencyHistogram transitTime;

    // per-loop scratch state of the packet path
    private final ForwardingScratch scratch;
    private final PacketBuffer rtcpScratch;
    private final RtpPacket packetView = new RtpPacket();
    private final RtcpIterator rtcpIterator = new RtcpIterator();
    private final SenderReport senderReport = new SenderReport();
    private final ReceiverReport receiverReport = new ReceiverReport();
    private final Pli pli = new Pli();
    private final Fir fir = new Fir();
    private final GenericNack nack = new GenericNack();
    private final TransportCcFeedback transportFeedback = new TransportCcFeedback();
    private final int[] firSsrc = new int[1];
    private final int[] firSequence = new int[1];

    /** Creates the router; must be called on {@code loop}'s thread or before the loop runs anything for it. */
    public Router(String id, MediaLoop loop, PacketBufferPool pool, Clock clock, RouterConfig config,
                  RouterListener listener, LatencyHistograms transitTimes) {
        this.id = id;
        this.transitTimes = transitTimes;
        this.transitTime = transitTimes.register();
        this.loop = loop;
        this.pool = pool;
        this.clock = clock;
        this.config = config;
        this.listener = listener;
        this.reporter = new RtcpReporter(clock);
        this.scratch = new ForwardingScratch(pool);
        this.rtcpScratch = pool.acquire();
        this.reportTimer = loop.schedulePeriodic(this::sendReports, config.rtcpReportInterval().toNanos(),
                TimeUnit.NANOSECONDS);
        this.feedbackTimer = loop.schedulePeriodic(this::sendTransportFeedback, TRANSPORT_FEEDBACK_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
        this.nackTimer = loop.schedulePeriodic(this::sendNacks, NACK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        this.allocationTimer = loop.schedulePeriodic(this::allocate, config.allocationInterval().toNanos(),
                TimeUnit.NANOSECONDS);
    }

    public String id() {
        return id;
    }

    public MediaLoop loop() {
        return loop;
    }

    Clock clock() {
        return clock;
    }

    // ------------------------------------------------------------------ control plane (loop thread)

    /**
     * A new participant's endpoint, not yet part of the router. Any thread may call this: create the participant's
     * transport with the endpoint as its listener, then {@link #attach} both on the loop.
     */
    public RouterEndpoint createEndpoint(String participantId) {
        int localSsrc;
        do {
            localSsrc = ThreadLocalRandom.current().nextInt();
        } while (localSsrc == 0);
        return new RouterEndpoint(this, participantId, localSsrc, config);
    }

    /** Makes the endpoint part of the router, with its transport. Loop thread. */
    public void attach(RouterEndpoint endpoint, WebRtcTransport transport) {
        checkOpen();
        endpoint.attach(transport);
        endpoints.add(endpoint);
        speakers.add(endpoint);
    }

    /**
     * Starts receiving a publisher's stream.
     *
     * @throws IllegalArgumentException if the id or an SSRC is already in use
     */
    public Producer addProducer(RouterEndpoint publisher, ProducerSpec spec) {
        checkOpen();
        if (producers.containsKey(spec.producerId())) {
            throw new IllegalArgumentException("producer " + spec.producerId() + " exists");
        }
        Producer producer = new Producer(spec, publisher, config.keyframeMinInterval().toNanos(), pool);
        if (!publisher.registerProducer(producer)) {
            producer.close();
            throw new IllegalArgumentException("an SSRC of " + spec.producerId() + " is already used by "
                    + publisher.participantId());
        }
        producers.put(spec.producerId(), producer);
        speakers.markLastNDirty();
        return producer;
    }

    /**
     * Starts sending a producer's stream to a subscriber, and asks the publisher for a keyframe so the subscriber's
     * picture starts quickly.
     *
     * @throws IllegalArgumentException if the SSRC is already in use on the subscriber's transport
     */
    public Consumer addConsumer(RouterEndpoint subscriber, Producer producer, ConsumerSpec spec) {
        checkOpen();
        if (producer.isClosed()) {
            throw new IllegalArgumentException("producer " + producer.id() + " is closed");
        }
        Consumer consumer = new Consumer(producer, subscriber, spec, random.nextInt(1 << 16),
                random.nextLong(1L << 32), random.nextInt(1 << 15), random.nextInt(1 << 16), config.skipSilence());
        if (!subscriber.registerConsumer(consumer)) {
            throw new IllegalArgumentException("SSRC " + Integer.toUnsignedString(spec.ssrc()) + " already used on "
                    + subscriber.participantId());
        }
        producer.addConsumer(consumer);
        speakers.markLastNDirty();
        if (subscriber.isConnected()) {
            requestKeyframe(producer, consumer.keyframeLayerForRequest());
        }
        return consumer;
    }

    public void removeConsumer(Consumer consumer) {
        consumer.close();
        consumer.producer().removeConsumer(consumer);
        consumer.subscriber().unregisterConsumer(consumer);
    }

    /** Removes the consumer with our SSRC {@code ssrc} on the subscriber's transport, if there is one. */
    public void removeConsumer(RouterEndpoint subscriber, int ssrc) {
        Consumer consumer = subscriber.consumerBySsrc(ssrc);
        if (consumer != null) {
            removeConsumer(consumer);
        }
    }

    /**
     * Sets what the subscriber wants of the consumer with our SSRC {@code ssrc}; the bandwidth allocator takes it into
     * account at its next run.
     */
    public void setConsumerConstraints(RouterEndpoint subscriber, int ssrc, TrackConstraints constraints) {
        Consumer consumer = subscriber.consumerBySsrc(ssrc);
        if (consumer != null) {
            consumer.setConstraints(constraints);
            speakers.markLastNDirty(); // on stage counts as pinned for last-N
        }
    }

    /**
     * Limits the video the subscriber receives to the {@code lastN} most relevant participants (on stage first, then
     * recent speakers); {@code -1} lifts the limit. Applied at the next speaker evaluation, and announced through
     * {@link RouterListener#onForwardedVideoChanged}.
     */
    public void setLastN(RouterEndpoint subscriber, int lastN) {
        subscriber.setLastN(lastN);
        speakers.markLastNDirty();
    }

    /** Removes the producer with this id, if there is one. */
    public void removeProducer(String producerId) {
        Producer producer = producers.get(producerId);
        if (producer != null) {
            removeProducer(producer);
        }
    }

    /** Stops a producer and every consumer of it. */
    public void removeProducer(Producer producer) {
        for (Consumer consumer : producer.consumers()) {
            consumer.subscriber().unregisterConsumer(consumer);
        }
        producer.close();
        producer.publisher().unregisterProducer(producer);
        producers.remove(producer.id(), producer);
        speakers.markLastNDirty();
    }

    /** Removes a participant: its producers (with their consumers), its consumers, and closes its transport. */
    public void removeEndpoint(RouterEndpoint endpoint) {
        if (endpoint.isClosed()) {
            return;
        }
        endpoint.markClosed();
        for (Producer producer : endpoint.producers()) {
            removeProducer(producer);
        }
        for (Consumer consumer : endpoint.consumers()) {
            removeConsumer(consumer);
        }
        endpoints.remove(endpoint);
        if (speakers.remove(endpoint)) {
            listener.onDominantSpeakerChanged(null);
        }
        if (endpoint.transport() != null) { // closing it reports onTransportClosed, ignored for a closed endpoint
            endpoint.transport().close();
        }
    }

    public Producer producer(String producerId) {
        return producers.get(producerId);
    }

    public List<RouterEndpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    /** Asks a producer's publisher for a keyframe of a layer, unless one was asked for very recently. */
    public void requestKeyframe(Producer producer, int layerIndex) {
        RouterEndpoint publisher = producer.publisher();
        int ssrc = producer.layer(layerIndex).ssrc();
        if (producer.spec().kind() != MediaKind.VIDEO || !publisher.isConnected() || ssrc == 0
                || !producer.tryKeyframeRequest(layerIndex, clock.nowNanos())) {
            return;
        }
        int offset = PacketBuffer.HEADROOM;
        int length;
        if (producer.spec().acceptsPli()) {
            length = Pli.write(rtcpScratch.array(), offset, publisher.localSsrc(), ssrc);
        } else {
            firSsrc[0] = ssrc;
            firSequence[0] = producer.nextFirSequenceNumber();
            length = Fir.write(rtcpScratch.array(), offset, publisher.localSsrc(), firSsrc, firSequence, 1);
        }
        rtcpScratch.setOffsetAndLength(offset, length);
        publisher.transport().sendRtcp(rtcpScratch);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("router " + id + " is closed");
        }
    }

    // ------------------------------------------------------------------ packet path (loop thread)

    void onRtp(RouterEndpoint from, PacketBuffer packet) {
        try {
            if (!packetView.wrap(packet.array(), packet.offset(), packet.length())) {
                from.countMalformedRtp();
                return;
            }
            recordTransportWideSequence(from, packet.receivedNanos());
            int ssrc = packetView.ssrc();
            Producer producer = from.producerBySsrc(ssrc);
            if (producer == null) {
                producer = ridLearner.learn(from, packetView);
                if (producer == null) {
                    from.countUnknownSsrc();
                    return;
                }
            }
            int layerIndex = producer.layerIndexOf(ssrc);
            if (layerIndex < 0) {
                layerIndex = restoreRetransmission(from, producer, packet);
                if (layerIndex < 0) {
                    return;
                }
            }
            if (!producer.isVideo()) {
                readAudioLevel(from, producer, packet.receivedNanos());
            }
            producer.onRtp(layerIndex, packetView, scratch, packet.receivedNanos());
            transitTime.record(clock.nowNanos() - packet.receivedNanos());
        } finally {
            packet.release();
        }
    }

    /** The RFC 6464 level of an audio packet: for the speaker detection, and for consumers that skip silence. */
    private void readAudioLevel(RouterEndpoint from, Producer producer, long arrivalNanos) {
        int extensionId = producer.audioLevelExtensionId();
        int levelByte = extensionId == 0 ? -1 : AudioLevel.read(packetView, extensionId);
        if (levelByte < 0) {
            producer.setAudioLevel(-1);
            return;
        }
        producer.setAudioLevel(AudioLevel.levelDbov(levelByte));
        speakers.onAudioLevel(from, levelByte, arrivalNanos);
    }

    /**
     * An RTX packet of the publisher (RFC 4588): the answer to one of our NACKs, or a padding probe. Turns it back
     * into the original packet in place and returns its layer, or -1 for what is not to be forwarded.
     */
    private int restoreRetransmission(RouterEndpoint from, Producer producer, PacketBuffer packet) {
        int layerIndex = producer.layerIndexOfRtx(packetView.ssrc());
        if (layerIndex < 0 || packetView.payloadType() != producer.spec().rtxPayloadType()
                || !RtxPacket.restore(packet, packetView, producer.layer(layerIndex).ssrc(),
                        producer.spec().payloadType())) {
            from.countRtxIgnored(); // padding probes (already counted for congestion control), or not ours
            return -1;
        }
        from.countRetransmissionReceived();
        return layerIndex;
    }

    /** Asks publishers, every {@value #NACK_INTERVAL_MILLIS} ms, for the packets we missed (RFC 4585 §6.2.1). */
    private void sendNacks() {
        if (!config.retransmissions()) {
            return;
        }
        long nowNanos = clock.nowNanos();
        boolean expire = ++nackRounds % CACHE_EXPIRY_ROUNDS == 0;
        for (RouterEndpoint endpoint : endpoints) {
            if (!endpoint.isConnected()) {
                continue;
            }
            for (Producer producer : endpoint.producersList()) {
                for (int l = 0; l < producer.layerCount(); l++) {
                    ProducerLayer layer = producer.layer(l);
                    if (expire && layer.cache() != null) {
                        layer.cache().expire(nowNanos);
                    }
                    NackGenerator generator = layer.nackGenerator();
                    if (generator == null || !layer.ssrcKnown()) {
                        continue;
                    }
                    int count;
                    while ((count = generator.collectNacks(nowNanos, endpoint.rttMillis() * 1_000_000L,
                            nackSequenceNumbers)) > 0) {
                        int length = GenericNack.write(rtcpScratch.array(), PacketBuffer.HEADROOM,
                                endpoint.localSsrc(), layer.ssrc(), nackSequenceNumbers, count);
                        rtcpScratch.setOffsetAndLength(PacketBuffer.HEADROOM, length);
                        endpoint.transport().sendRtcp(rtcpScratch);
                        endpoint.countNacksSent(count);
                    }
                    if (generator.keyframeNeeded()) {
                        requestKeyframe(producer, l); // too much missing: a keyframe repairs it faster
                    }
                }
            }
        }
    }

    /** Every packet counts for congestion control, whatever stream it belongs to (media, RTX, padding probes). */
    private void recordTransportWideSequence(RouterEndpoint from, long arrivalNanos) {
        int extensionId = from.transportCcExtensionId();
        if (extensionId == 0) {
            return;
        }
        int index = packetView.findExtension(extensionId);
        if (index >= 0 && packetView.extensionDataLength(index) == 2) {
            from.transportCcReceiver().onPacket(Bytes.readUint16(packetView.buffer(),
                    packetView.extensionDataOffset(index)), arrivalNanos);
        }
    }

    /** Transport-cc feedback to every publisher that sent something since the last one. */
    private void sendTransportFeedback() {
        for (RouterEndpoint endpoint : endpoints) {
            if (!endpoint.isConnected()) {
                continue;
            }
            int offset = PacketBuffer.HEADROOM;
            int length;
            while ((length = endpoint.transportCcReceiver().writeFeedback(rtcpScratch.array(), offset,
                    endpoint.localSsrc(), endpoint.anyPublishedSsrc())) > 0) {
                rtcpScratch.setOffsetAndLength(offset, length);
                endpoint.transport().sendRtcp(rtcpScratch);
            }
        }
    }

    void onRtcp(RouterEndpoint from, PacketBuffer packet) {
        try {
            if (!rtcpIterator.wrap(packet.array(), packet.offset(), packet.length())) {
                from.countMalformedRtcp();
                return;
            }
            while (rtcpIterator.next()) {
                handleRtcpPacket(from, rtcpIterator.packetType(), rtcpIterator.countOrFormat(),
                        rtcpIterator.packetOffset(), rtcpIterator.packetLength(), packet.receivedNanos());
            }
            if (rtcpIterator.isMalformed()) {
                from.countMalformedRtcp();
            }
        } finally {
            packet.release();
        }
    }

    private void handleRtcpPacket(RouterEndpoint from, int type, int format, int offset, int length,
                                  long arrivalNanos) {
        byte[] buf = rtcpIterator.buffer();
        if (type == RtcpPacketType.SR) {
            if (senderReport.wrap(buf, offset, length)) {
                Producer producer = from.producerBySsrc(senderReport.senderSsrc());
                int layerIndex = producer == null ? -1 : producer.layerIndexOf(senderReport.senderSsrc());
                if (layerIndex >= 0) {
                    producer.onSenderReport(layerIndex, senderReport.ntpTimestamp(), senderReport.rtpTimestamp(),
                            arrivalNanos);
                }
                readReportBlocks(from, senderReport, arrivalNanos);
            }
        } else if (type == RtcpPacketType.RR) {
            if (receiverReport.wrap(buf, offset, length)) {
                readReportBlocks(from, receiverReport, arrivalNanos);
            }
        } else if (type == RtcpPacketType.PSFB && format == RtcpPacketType.FMT_PSFB_PLI) {
            if (pli.wrap(buf, offset, length)) {
                keyframeWanted(from, pli.mediaSsrc());
            }
        } else if (type == RtcpPacketType.PSFB && format == RtcpPacketType.FMT_PSFB_FIR) {
            if (fir.wrap(buf, offset, length)) {
                for (int i = 0; i < fir.entryCount(); i++) {
                    keyframeWanted(from, fir.entrySsrc(i));
                }
            }
        } else if (type == RtcpPacketType.RTPFB && format == RtcpPacketType.FMT_RTPFB_TRANSPORT_CC) {
            if (transportFeedback.wrap(buf, offset, length)) {
                from.rateControl().onTransportFeedback(transportFeedback, arrivalNanos);
            }
        } else if (type == RtcpPacketType.RTPFB && format == RtcpPacketType.FMT_RTPFB_NACK) {
            if (nack.wrap(buf, offset, length)) {
                from.countNackReceived();
                answerNack(from, nack, arrivalNanos);
            }
        }
        // SDES, BYE, REMB: consumed here.
    }

    /** Round-trip times from the blocks a peer reports about the streams we send it (RFC 3550 §6.4.1). */
    private static void readReportBlocks(RouterEndpoint from, RtcpReportView report, long arrivalNanos) {
        byte[] buf = report.buffer();
        for (int i = 0; i < report.reportCount(); i++) {
            int block = report.reportBlockOffset(i);
            from.onReportBlock(ReportBlock.ssrc(buf, block), ReportBlock.lastSrCompactNtp(buf, block),
                    ReportBlock.compactNtpToMicros(ReportBlock.delaySinceLastSrCompactNtp(buf, block)),
                    arrivalNanos);
        }
    }

    /** Resends what a subscriber NACKed (RFC 4585 §6.2.1) from the producer's cache, as RTX when negotiated. */
    private void answerNack(RouterEndpoint subscriber, GenericNack request, long nowNanos) {
        if (!config.retransmissions()) {
            return;
        }
        Consumer consumer = subscriber.consumerBySsrc(request.mediaSsrc());
        if (consumer == null || consumer.isClosed() || consumer.history() == null) {
            return;
        }
        NackResponder responder = scratch.nackResponder;
        long rttNanos = subscriber.rttMillis() * 1_000_000L;
        responder.start(request, consumer.history(), consumer.producer().caches(), nowNanos, rttNanos);
        while (responder.next()) {
            consumer.resend(responder.packet(), responder.info(), scratch, nowNanos);
        }
    }

    private void keyframeWanted(RouterEndpoint subscriber, int mediaSsrc) {
        Consumer consumer = subscriber.consumerBySsrc(mediaSsrc);
        if (consumer != null && !consumer.isClosed()) {
            requestKeyframe(consumer.producer(), consumer.keyframeLayerForRequest());
        }
    }

    void onEndpointConnected(RouterEndpoint endpoint) {
        for (Consumer consumer : endpoint.consumers()) {
            // packets sent before were dropped: start with a keyframe
            requestKeyframe(consumer.producer(), consumer.keyframeLayerForRequest());
        }
        listener.onEndpointConnected(endpoint);
    }

    /**
     * Every allocation interval: shares each subscriber's estimate among its video tracks, asks publishers for the
     * keyframes that layer switches wait for, and starts the probes the estimators want.
     */
    private void allocate() {
        long nowNanos = clock.nowNanos();
        if (speakers.evaluate(nowNanos)) {
            listener.onDominantSpeakerChanged(speakers.dominant());
        }
        for (RouterEndpoint subscriber : speakers.applyLastN(endpoints)) {
            listener.onForwardedVideoChanged(subscriber, subscriber.forwardedVideo());
        }
        Map<Producer, LayerInfo> layerInfos = new IdentityHashMap<>();
        for (RouterEndpoint endpoint : endpoints) {
            if (!endpoint.isConnected() || endpoint.consumersList().isEmpty()) {
                continue;
            }
            SubscriberRateControl rateControl = endpoint.rateControl();
            boolean wasProbing = rateControl.probing();
            rateControl.allocate(endpoint.consumersList(), layerInfos, endpoint.usesTransportCc(), nowNanos);
            for (Consumer consumer : endpoint.consumersList()) {
                int layer = consumer.keyframeLayerNeeded();
                if (layer >= 0 && layer < consumer.producer().layerCount()) {
                    requestKeyframe(consumer.producer(), layer);
                }
            }
            if (!wasProbing && rateControl.probing()) {
                sendProbeSlice(endpoint);
            }
        }
    }

    private void sendProbeSlice(RouterEndpoint endpoint) {
        if (closed || !endpoint.isConnected()) {
            return;
        }
        long nowNanos = clock.nowNanos();
        SubscriberRateControl rateControl = endpoint.rateControl();
        if (rateControl.sendProbeSlice(endpoint.consumersList(), scratch, nowNanos)) {
            loop.schedule(() -> sendProbeSlice(endpoint), rateControl.nanosToNextProbeSlice(nowNanos),
                    TimeUnit.NANOSECONDS);
        }
    }

    void onEndpointTransportClosed(RouterEndpoint endpoint, CloseReason reason) {
        if (!endpoint.isClosed()) {
            listener.onEndpointTransportClosed(endpoint, reason);
        }
    }

    private void sendReports() {
        long nowNanos = clock.nowNanos();
        for (RouterEndpoint endpoint : endpoints) {
            if (endpoint.isConnected()) {
                reporter.sendReports(endpoint, rtcpScratch, nowNanos);
            }
        }
    }

    /** Removes every endpoint and stops the report timer. Loop thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        for (RouterEndpoint endpoint : List.copyOf(endpoints)) {
            removeEndpoint(endpoint);
        }
        closed = true;
        reportTimer.cancel();
        feedbackTimer.cancel();
        nackTimer.cancel();
        allocationTimer.cancel();
        scratch.close();
        transitTimes.unregister(transitTime);
        rtcpScratch.release();
    }
}
