package org.opensfu.core.transport;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.buffer.PacketHandler;
import org.opensfu.core.loop.MediaLoop;
import org.opensfu.core.srtp.SrtpKeyingMaterial;
import org.opensfu.core.srtp.SrtpProfile;
import org.opensfu.core.srtp.SrtpResult;
import org.opensfu.core.srtp.SrtpSession;
import org.opensfu.core.stats.Counter;
import org.opensfu.core.stats.DropCounters;
import org.opensfu.core.stats.DropReason;
import org.opensfu.core.time.Clock;
import org.opensfu.core.transport.dtls.DtlsFingerprint;
import org.opensfu.core.transport.dtls.DtlsRole;
import org.opensfu.core.transport.dtls.DtlsTransport;
import org.opensfu.core.transport.ice.IceCandidate;
import org.opensfu.core.transport.ice.IceListener;
import org.opensfu.core.transport.ice.IceParameters;
import org.opensfu.core.transport.ice.IceTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer's WebRTC transport: ICE (ice4j), DTLS (Bouncy Castle) and SRTP (jitsi-srtp) on one 5-tuple.
 *
 * <h2>Threads and buffers</h2>
 * <ol>
 *   <li>The media port's receive thread calls {@link IceListener#onDatagram}: it classifies the datagram
 *       (RFC 7983), copies DTLS into the DTLS queue, copies RTP/RTCP into a pooled {@link PacketBuffer} and offers it
 *       to this transport's {@link MediaLoop}. Nothing else happens there.</li>
 *   <li>The media loop thread runs {@link #handlePacket}: SRTP/SRTCP decryption in place, then the listener, which
 *       takes ownership of the buffer. All SRTP state is confined to this thread.</li>
 *   <li>{@link #sendRtp}/{@link #sendRtcp} are called on the same loop thread; they encrypt in place and send.</li>
 *   <li>The DTLS handshake runs on its own virtual thread; its result is handed to the loop.</li>
 * </ol>
 * Drops are counted by {@link DropReason}, never logged per packet.
 */
public final class WebRtcTransport implements PacketHandler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebRtcTransport.class);
    private static final VarHandle LAST_ACTIVITY;

    static {
        try {
            LAST_ACTIVITY = MethodHandles.lookup().findVarHandle(WebRtcTransport.class, "lastActivityNanos",
                    long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String id;
    private final MediaLoop loop;
    private final PacketBufferPool pool;
    private final Clock clock;
    private final TransportListener listener;
    private final DtlsRole dtlsRole;
    private final DtlsFingerprint localFingerprint;
    private final IceTransport ice;
    private final DtlsTransport dtls;
    private final AtomicReference<TransportState> state = new AtomicReference<>(TransportState.NEW);
    private final long createdNanos;
    @SuppressWarnings("unused") // accessed through LAST_ACTIVITY
    private long lastActivityNanos;

    /**
     * Keys from a finished DTLS handshake, handed from the DTLS thread to the loop. The loop installs them at its next
     * task or, if the peer's first SRTP packet is already queued ahead of that task, when that packet is handled.
     */
    private final AtomicReference<SrtpKeyingMaterial> pendingKeys = new AtomicReference<>();
    /** Confined to the loop thread. */
    private SrtpSession srtp;
    private CloseReason closeReason;

    private final DropCounters drops = new DropCounters();
    private final Counter rtpPacketsReceived = new Counter();
    private final Counter rtcpPacketsReceived = new Counter();
    private final Counter bytesReceived = new Counter();
    private final Counter rtpPacketsSent = new Counter();
    private final Counter rtcpPacketsSent = new Counter();
    private final Counter bytesSent = new Counter();
    private final Counter sendFailures = new Counter();

    public WebRtcTransport(TransportOptions options, MediaLoop loop, PacketBufferPool pool, Clock clock,
                           TransportListener listener) {
        this.id = options.id();
        this.loop = loop;
        this.pool = pool;
        this.clock = clock;
        this.listener = listener;
        this.dtlsRole = options.dtlsRole();
        this.localFingerprint = options.certificate().fingerprint();
        this.createdNanos = clock.nowNanos();
        LAST_ACTIVITY.setOpaque(this, createdNanos);
        this.ice = new IceTransport(id, options.iceRole(), options.sockets(), new IceEvents());
        this.dtls = new DtlsTransport(id, options.dtlsRole(), options.certificate(), options.srtpProfiles(),
                options.dtlsHandshakeTimeout(), ice::send, new DtlsEvents());
    }

    public String id() {
        return id;
    }

    public MediaLoop loop() {
        return loop;
    }

    public TransportState state() {
        return state.get();
    }

    public IceParameters localIceParameters() {
        return ice.localParameters();
    }

    public DtlsFingerprint localFingerprint() {
        return localFingerprint;
    }

    public DtlsRole dtlsRole() {
        return dtlsRole;
    }

    /** The host candidates ice4j gathered (clients signal these; servers signal the media port's advertised ones). */
    public List<IceCandidate> gatheredCandidates() {
        return ice.gatheredCandidates();
    }

    /** The peer's address on the selected ICE candidate pair, or null before one is selected. */
    public java.net.SocketAddress selectedRemoteAddress() {
        return ice.selectedRemoteAddress();
    }

    /** The negotiated SRTP profile, once connected. */
    public SrtpProfile srtpProfile() {
        return dtls.profile();
    }

    /** Starts ICE with what the peer signalled; DTLS follows once a pair is validated. */
    public void start(RemoteTransportParameters remote) {
        if (!state.compareAndSet(TransportState.NEW, TransportState.CONNECTING)) {
            return;
        }
        dtls.setRemoteFingerprint(remote.fingerprint());
        ice.start(remote.ice(), remote.candidates());
    }

    public void addRemoteCandidate(IceCandidate candidate) {
        ice.addRemoteCandidate(candidate);
    }

    /** When a datagram last arrived or consent was last confirmed, in {@link Clock#nowNanos()} time. */
    public long lastActivityNanos() {
        return (long) LAST_ACTIVITY.getOpaque(this);
    }

    public long createdNanos() {
        return createdNanos;
    }

    // ------------------------------------------------------------------ receive path

    /** On the receive thread: classify, copy, hand off. */
    private void onDatagram(byte[] buf, int off, int len) {
        long nowNanos = clock.nowNanos();
        LAST_ACTIVITY.setOpaque(this, nowNanos);
        if (len > PacketBuffer.MAX_DATAGRAM) {
            drops.increment(DropReason.OVERSIZED);
            return;
        }
        switch (PacketClassifier.classify(buf, off, len)) {
            case DTLS -> {
                if (!dtls.onDatagram(buf, off, len)) {
                    drops.increment(DropReason.DTLS_QUEUE_FULL);
                }
            }
            case RTP, RTCP -> {
                if (state.get() == TransportState.CLOSED) {
                    drops.increment(DropReason.CLOSED);
                    return;
                }
                PacketBuffer packet = pool.acquire();
                packet.copyFrom(buf, off, len);
                packet.setReceivedNanos(nowNanos);
                packet.setHandler(this);
                if (!loop.offerPacket(packet)) {
                    drops.increment(DropReason.LOOP_QUEUE_FULL);
                    packet.release();
                }
            }
            default -> drops.increment(DropReason.UNKNOWN_PROTOCOL);
        }
    }

    /** On the loop thread: decrypt in place and deliver. */
    @Override
    public void handlePacket(PacketBuffer packet) {
        if (srtp == null) {
            installPendingKeys();
        }
        SrtpSession session = srtp;
        if (session == null || closeReason != null) {
            drops.increment(closeReason != null ? DropReason.CLOSED : DropReason.NOT_CONNECTED);
            packet.release();
            return;
        }
        boolean rtcp = PacketClassifier.classify(packet.array(), packet.offset(), packet.length()) == PacketKind.RTCP;
        int encryptedLength = packet.length();
        SrtpResult result = rtcp ? session.unprotectRtcp(packet) : session.unprotectRtp(packet);
        if (result != SrtpResult.OK) {
            drops.increment(dropReason(result));
            packet.release();
            return;
        }
        bytesReceived.add(encryptedLength);
        if (rtcp) {
            rtcpPacketsReceived.increment();
            listener.onRtcp(this, packet);
        } else {
            rtpPacketsReceived.increment();
            listener.onRtp(this, packet);
        }
    }

    // ------------------------------------------------------------------ send path

    /**
     * Encrypts an RTP packet in place and sends it. Loop thread only. The caller keeps ownership of the buffer,
     * whose content is now ciphertext.
     *
     * @return false if the transport is not connected or sending failed (counted)
     */
    public boolean sendRtp(PacketBuffer packet) {
        return protectAndSend(packet, false);
    }

    /** Encrypts a (compound) RTCP packet in place and sends it. Loop thread only; the caller keeps the buffer. */
    public boolean sendRtcp(PacketBuffer packet) {
        return protectAndSend(packet, true);
    }

    /** Loop thread only: frees the SRTP contexts of an SSRC that left (both directions); new packets would re-derive. */
    public void forgetSsrc(int ssrc) {
        if (srtp != null) {
            srtp.removeSsrc(ssrc);
        }
    }

    private boolean protectAndSend(PacketBuffer packet, boolean rtcp) {
        SrtpSession session = srtp;
        if (session == null || closeReason != null) {
            return false;
        }
        SrtpResult result = rtcp ? session.protectRtcp(packet) : session.protectRtp(packet);
        if (result != SrtpResult.OK) {
            sendFailures.increment();
            return false;
        }
        try {
            ice.sendFromLoop(packet.array(), packet.offset(), packet.length());
        } catch (IOException e) {
            sendFailures.increment();
            return false;
        }
        bytesSent.add(packet.length());
        (rtcp ? rtcpPacketsSent : rtpPacketsSent).increment();
        return true;
    }

    // ------------------------------------------------------------------ lifecycle

    /** Closes the transport (idempotent). The listener hears {@link CloseReason#LOCAL}. */
    @Override
    public void close() {
        close(CloseReason.LOCAL);
    }

    /** Closes the transport for the given reason (idempotent: the first reason wins). */
    public void close(CloseReason reason) {
        close(reason, true);
    }

    /** Closes without sending DTLS close_notify: only to simulate a peer that vanishes. */
    public void closeSilently() {
        close(CloseReason.LOCAL, false);
    }

    private void close(CloseReason reason, boolean notifyPeer) {
        TransportState previous = state.getAndSet(TransportState.CLOSED);
        if (previous == TransportState.CLOSED) {
            return;
        }
        LOG.debug("{}: closing ({})", id, reason);
        if (!notifyPeer) {
            ice.close(); // first: nothing can leave any more
        }
        dtls.close();
        ice.close();
        loop.execute(() -> {
            closeReason = reason;
            if (srtp != null) {
                srtp.close();
                srtp = null;
            }
            listener.onTransportClosed(this, reason);
        });
    }

    private void onDtlsConnected(SrtpKeyingMaterial keyingMaterial) {
        pendingKeys.set(keyingMaterial);
        loop.execute(this::installPendingKeys);
    }

    /** On the loop thread: turns the DTLS keys into the SRTP session, once, and reports the transport connected. */
    private void installPendingKeys() {
        SrtpKeyingMaterial keyingMaterial = pendingKeys.getAndSet(null);
        if (keyingMaterial == null) {
            return;
        }
        if (state.get() != TransportState.CONNECTING || closeReason != null) {
            keyingMaterial.wipe();
            return;
        }
        srtp = new SrtpSession(keyingMaterial);
        keyingMaterial.wipe();
        if (state.compareAndSet(TransportState.CONNECTING, TransportState.CONNECTED)) {
            LOG.debug("{}: connected, SRTP profile {}", id, srtp.profile());
            listener.onTransportConnected(this);
        }
    }

    // ------------------------------------------------------------------ statistics

    public TransportStats stats() {
        return new TransportStats(state.get(), srtpProfile(), rtpPacketsReceived.get(), rtcpPacketsReceived.get(),
                bytesReceived.get(), rtpPacketsSent.get(), rtcpPacketsSent.get(), bytesSent.get(),
                sendFailures.get(), drops.snapshot());
    }

    public DropCounters drops() {
        return drops;
    }

    /**
     * Why the transport closed, or null while it is open (for statistics). Written on the loop; another thread sees it
     * once the transport has left {@link TransportManager#transports()}.
     */
    public CloseReason closeReason() {
        return closeReason;
    }

    private static DropReason dropReason(SrtpResult result) {
        return switch (result) {
            case AUTH_FAILED -> DropReason.SRTP_AUTH_FAILED;
            case REPLAYED -> DropReason.SRTP_REPLAYED;
            case INVALID, OK -> DropReason.SRTP_INVALID;
            case SSRC_LIMIT -> DropReason.SRTP_SSRC_LIMIT;
            case CRYPTO_ERROR -> DropReason.SRTP_CRYPTO_ERROR;
        };
    }

    @Override
    public String toString() {
        return "WebRtcTransport[" + id + ", " + state.get() + "]";
    }

    private final class IceEvents implements IceListener {
        @Override
        public void onIceWritable() {
            dtls.start();
        }

        @Override
        public void onIceFailed() {
            close(CloseReason.ICE_FAILED);
        }

        @Override
        public void onConsentRefreshed() {
            LAST_ACTIVITY.setOpaque(WebRtcTransport.this, clock.nowNanos());
        }

        @Override
        public void onDatagram(byte[] buf, int off, int len) {
            WebRtcTransport.this.onDatagram(buf, off, len);
        }
    }

    private final class DtlsEvents implements DtlsTransport.Listener {
        @Override
        public void onDtlsConnected(SrtpKeyingMaterial keyingMaterial) {
            WebRtcTransport.this.onDtlsConnected(keyingMaterial);
        }

        @Override
        public void onDtlsFailed(String reason, Throwable cause) {
            close(CloseReason.DTLS_FAILED);
        }

        @Override
        public void onDtlsClosed() {
            close(CloseReason.PEER_CLOSED);
        }
    }
}
