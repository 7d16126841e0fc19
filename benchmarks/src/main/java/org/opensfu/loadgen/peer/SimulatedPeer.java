package org.opensfu.loadgen.peer;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.loop.MediaLoop;
import org.opensfu.core.rtcp.Fir;
import org.opensfu.core.rtcp.GenericNack;
import org.opensfu.core.rtcp.Pli;
import org.opensfu.core.rtcp.RtcpIterator;
import org.opensfu.core.rtcp.RtcpPacketType;
import org.opensfu.core.rtcp.SenderReport;
import org.opensfu.core.time.Clock;
import org.opensfu.core.transport.CloseReason;
import org.opensfu.core.transport.RemoteTransportParameters;
import org.opensfu.core.transport.TransportListener;
import org.opensfu.core.transport.TransportOptions;
import org.opensfu.core.transport.WebRtcTransport;
import org.opensfu.core.transport.dtls.DtlsFingerprint;
import org.opensfu.core.transport.ice.IceCandidate;
import org.opensfu.core.transport.ice.IceParameters;
import org.opensfu.loadgen.measure.ClientMetrics;
import org.opensfu.loadgen.media.OutgoingExtensions;
import org.opensfu.loadgen.media.PublishPlan;
import org.opensfu.loadgen.media.RtpSender;

/**
 * One peer connection of a simulated participant, with our own WebRTC stack ({@link WebRtcTransport}: ice4j, Bouncy
 * Castle DTLS, jitsi-srtp) on one media loop: it publishes synthetic media ({@link PublisherMedia}), receives and
 * measures what the SFU forwards ({@link ReceiverSession}), and answers the SFU's RTCP (PLI/FIR with key frames, NACK
 * with retransmissions). Signaling is someone else's job: it calls the control methods below from any thread; they
 * run on the loop.
 */
public final class SimulatedPeer implements TransportListener {
    private static final long SENDER_REPORT_INTERVAL_NANOS = 1_000_000_000L;

    private final MediaLoop loop;
    private final PacketBufferPool pool;
    private final Clock clock;
    private final ClientMetrics metrics;
    private final SplittableRandom random;
    private final WebRtcTransport transport;
    private final RtpSender sender;
    private final ReceiverSession receiver;
    private final RtcpCompound rtcp;
    private final CompletableFuture<Long> connected = new CompletableFuture<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

    // loop-confined
    private final RtcpIterator iterator = new RtcpIterator();
    private final Pli pli = new Pli();
    private final Fir fir = new Fir();
    private final GenericNack nack = new GenericNack();
    private final SenderReport senderReport = new SenderReport();
    private final int[] nackScratch = new int[256];
    private PublisherMedia publisher;
    private MediaLoop.ScheduledTask tickTimer;
    private long lastSenderReportNanos;
    private boolean stopped;

    public SimulatedPeer(TransportOptions options, MediaLoop loop, PacketBufferPool pool, Clock clock,
                         ClientMetrics metrics, SplittableRandom random) {
        this.loop = loop;
        this.pool = pool;
        this.clock = clock;
        this.metrics = metrics;
        this.random = random;
        this.transport = new WebRtcTransport(options, loop, pool, clock, this);
        this.sender = new RtpSender(transport, pool, clock);
        this.receiver = new ReceiverSession(PublishPlan.randomSsrc(random), metrics);
        this.rtcp = new RtcpCompound(transport, pool);
    }

    public IceParameters localIceParameters() {
        return transport.localIceParameters();
    }

    public List<IceCandidate> localCandidates() {
        return transport.gatheredCandidates();
    }

    public DtlsFingerprint localFingerprint() {
        return transport.localFingerprint();
    }

    public WebRtcTransport transport() {
        return transport;
    }

    /** Completes with {@link Clock#nowNanos()} when DTLS is done and SRTP keyed. */
    public CompletableFuture<Long> connected() {
        return connected;
    }

    /** Completes when the transport closed, for whatever reason. */
    public CompletableFuture<CloseReason> closedFuture() {
        return closed;
    }

    /** Starts ICE (and DTLS after it) toward the SFU. */
    public void connect(RemoteTransportParameters remote) {
        transport.start(remote);
    }

    public void addRemoteCandidate(IceCandidate candidate) {
        transport.addRemoteCandidate(candidate);
    }

    /** Sends this media once connected (or now, if connected already). */
    public void publish(PublishPlan plan, OutgoingExtensions audioExtensions, OutgoingExtensions videoExtensions) {
        loop.execute(() -> {
            if (publisher != null || stopped) {
                return;
            }
            publisher = new PublisherMedia(plan, audioExtensions, videoExtensions, sender, clock, metrics, random);
            if (connected.isDone()) {
                publisher.start(loop);
            }
        });
    }

    /** The transport-cc extension ID the SFU stamps on what we receive (0: none). */
    public void setReceiveTransportCcId(int id) {
        loop.execute(() -> receiver.setTransportCcId(id));
    }

    /** Receives and measures these streams from now on. */
    public void addStreams(List<StreamInfo> streams) {
        loop.execute(() -> streams.forEach(receiver::add));
    }

    /** Stops receiving the streams with these SSRCs. */
    public void removeStreams(List<Integer> ssrcs) {
        loop.execute(() -> ssrcs.forEach(receiver::remove));
    }

    /** The streams received now. */
    public CompletableFuture<List<StreamInfo>> currentStreams() {
        CompletableFuture<List<StreamInfo>> result = new CompletableFuture<>();
        loop.execute(() -> result.complete(receiver.current()));
        return result;
    }

    /** Stops sending media (the transport stays up, so late packets and retransmissions still arrive). */
    public CompletableFuture<Void> stopPublishing() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            if (publisher != null) {
                publisher.stop();
            }
            done.complete(null);
        });
        return done;
    }

    /** Settles all loss and returns every stream's counts. */
    public CompletableFuture<List<StreamReport>> finish() {
        CompletableFuture<List<StreamReport>> result = new CompletableFuture<>();
        loop.execute(() -> {
            receiver.flush();
            result.complete(receiver.reports());
        });
        return result;
    }

    /** Stops everything and closes the transport (DTLS close_notify). */
    public void close() {
        loop.execute(() -> {
            stopTimers();
            rtcp.discard();
        });
        transport.close();
    }

    private void stopTimers() {
        stopped = true;
        if (publisher != null) {
            publisher.stop();
        }
        if (tickTimer != null) {
            tickTimer.cancel();
        }
    }

    private void tick() {
        long nowNanos = clock.nowNanos();
        if (publisher != null && nowNanos - lastSenderReportNanos >= SENDER_REPORT_INTERVAL_NANOS) {
            lastSenderReportNanos = nowNanos;
            publisher.writeSenderReports(rtcp);
        }
        receiver.tick(nowNanos, rtcp);
        rtcp.flush();
    }

    // ------------------------------------------------------------------ TransportListener (loop thread)

    @Override
    public void onTransportConnected(WebRtcTransport t) {
        connected.complete(clock.nowNanos());
        if (stopped) {
            return;
        }
        tickTimer = loop.schedulePeriodic(this::tick, ReceiverSession.TICK_MILLIS, TimeUnit.MILLISECONDS);
        if (publisher != null) {
            publisher.start(loop);
        }
    }

    @Override
    public void onRtp(WebRtcTransport t, PacketBuffer packet) {
        try {
            receiver.onRtp(packet);
        } finally {
            packet.release();
        }
    }

    @Override
    public void onRtcp(WebRtcTransport t, PacketBuffer packet) {
        try {
            if (!iterator.wrap(packet.array(), packet.offset(), packet.length())) {
                return;
            }
            while (iterator.next()) {
                onRtcpPacket(iterator.packetType(), iterator.countOrFormat(), iterator.packetOffset(),
                        iterator.packetLength(), packet.receivedNanos());
            }
        } finally {
            packet.release();
        }
    }

    private void onRtcpPacket(int type, int format, int offset, int length, long arrivalNanos) {
        byte[] buf = iterator.buffer();
        if (type == RtcpPacketType.SR) {
            if (senderReport.wrap(buf, offset, length)) {
                receiver.onSenderReport(senderReport.senderSsrc(), senderReport.ntpTimestamp(), arrivalNanos);
            }
        } else if (type == RtcpPacketType.PSFB && format == RtcpPacketType.FMT_PSFB_PLI) {
            if (publisher != null && pli.wrap(buf, offset, length)) {
                publisher.onKeyframeRequest(pli.mediaSsrc());
            }
        } else if (type == RtcpPacketType.PSFB && format == RtcpPacketType.FMT_PSFB_FIR) {
            if (publisher != null && fir.wrap(buf, offset, length)) {
                for (int i = 0; i < fir.entryCount(); i++) {
                    publisher.onKeyframeRequest(fir.entrySsrc(i));
                }
            }
        } else if (type == RtcpPacketType.RTPFB && format == RtcpPacketType.FMT_RTPFB_NACK) {
            if (publisher != null && nack.wrap(buf, offset, length)) {
                publisher.onNack(nack.mediaSsrc(), nackScratch, nack.lostSequenceNumbers(nackScratch));
            }
        } else if (type == RtcpPacketType.RTPFB && format == RtcpPacketType.FMT_RTPFB_TRANSPORT_CC) {
            metrics.transportFeedbackReceived.increment();
        }
        // RR, SDES, BYE, REMB: nothing to do for a constant-bitrate synthetic sender
    }

    @Override
    public void onTransportClosed(WebRtcTransport t, CloseReason reason) {
        stopTimers();
        rtcp.discard();
        connected.completeExceptionally(new IllegalStateException("transport closed before connecting: " + reason));
        closed.complete(reason);
    }
}
