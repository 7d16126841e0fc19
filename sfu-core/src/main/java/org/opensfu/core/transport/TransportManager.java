package org.opensfu.core.transport;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.loop.MediaLoop;
import org.opensfu.core.time.Clock;
import org.opensfu.core.transport.dtls.DtlsCertificate;
import org.opensfu.core.transport.dtls.DtlsRole;
import org.opensfu.core.transport.ice.IceCandidate;
import org.opensfu.core.transport.ice.IceRole;
import org.opensfu.core.transport.ice.IceSockets;
import org.opensfu.core.transport.ice.MediaPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side's transports: they share one {@link MediaPort} and one DTLS certificate, and any of them that has
 * seen neither a datagram nor a consent check for the inactivity timeout is closed and forgotten (ice4j never does
 * this on its own).
 */
public final class TransportManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransportManager.class);

    private final TransportManagerConfig config;
    private final Clock clock;
    private final PacketBufferPool pool;
    private final MediaPort mediaPort;
    private final DtlsCertificate certificate;
    private final Map<String, WebRtcTransport> transports = new ConcurrentHashMap<>();
    private final MediaLoop.ScheduledTask sweep;

    /**
     * Binds the media port.
     *
     * @param sweepLoop the loop that runs the once-a-second inactivity sweep
     */
    public TransportManager(TransportManagerConfig config, Clock clock, PacketBufferPool pool, MediaLoop sweepLoop) {
        this.config = config;
        this.clock = clock;
        this.pool = pool;
        this.certificate = DtlsCertificate.generate(clock, new SecureRandom());
        this.mediaPort = MediaPort.open(config.mediaPort());
        this.sweep = sweepLoop.schedulePeriodic(this::closeInactive, 1, TimeUnit.SECONDS);
        LOG.info("media port bound on {}, advertising {}", mediaPort.boundAddresses(),
                mediaPort.advertisedCandidates().stream().map(c -> c.address() + ":" + c.port()).toList());
    }

    /**
     * Creates a transport for a peer that offered (we are ICE-controlled and the DTLS server, having answered
     * {@code a=setup:passive}). Its events run on {@code loop}.
     */
    public WebRtcTransport create(String id, MediaLoop loop, TransportListener listener) {
        TransportOptions options = new TransportOptions(id, IceRole.CONTROLLED, DtlsRole.SERVER,
                new IceSockets.SharedPort(mediaPort), certificate, config.srtpProfiles(), config.dtlsHandshakeTimeout());
        WebRtcTransport transport = new WebRtcTransport(options, loop, pool, clock, new Forgetting(listener));
        // a closed transport of the same id may still be listed until its loop has run the close: it is replaced
        WebRtcTransport registered = transports.compute(id, (key, old) ->
                old == null || old.state() == TransportState.CLOSED ? transport : old);
        if (registered != transport) {
            transport.close();
            throw new IllegalArgumentException("duplicate transport id " + id);
        }
        return transport;
    }

    /** Candidates to signal for every transport. */
    public List<IceCandidate> localCandidates() {
        return mediaPort.advertisedCandidates();
    }

    public DtlsCertificate certificate() {
        return certificate;
    }

    public MediaPort mediaPort() {
        return mediaPort;
    }

    public Collection<WebRtcTransport> transports() {
        return transports.values();
    }

    public int transportCount() {
        return transports.size();
    }

    /** Closes every transport idle for longer than the inactivity timeout. */
    void closeInactive() {
        long nowNanos = clock.nowNanos();
        long timeoutNanos = config.inactivityTimeout().toNanos();
        for (WebRtcTransport transport : transports.values()) {
            if (nowNanos - transport.lastActivityNanos() > timeoutNanos) {
                LOG.info("{}: no consent or traffic for {} s, closing", transport.id(),
                        config.inactivityTimeout().toSeconds());
                transport.close(CloseReason.INACTIVE);
            }
        }
    }

    @Override
    public void close() {
        sweep.cancel();
        for (WebRtcTransport transport : transports.values()) {
            transport.close();
        }
        mediaPort.close();
    }

    /** Removes a transport from the map when it closes, then tells the real listener. */
    private final class Forgetting implements TransportListener {
        private final TransportListener delegate;

        Forgetting(TransportListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onTransportConnected(WebRtcTransport transport) {
            delegate.onTransportConnected(transport);
        }

        @Override
        public void onRtp(WebRtcTransport transport, PacketBuffer packet) {
            delegate.onRtp(transport, packet);
        }

        @Override
        public void onRtcp(WebRtcTransport transport, PacketBuffer packet) {
            delegate.onRtcp(transport, packet);
        }

        @Override
        public void onTransportClosed(WebRtcTransport transport, CloseReason reason) {
            transports.remove(transport.id(), transport);
            delegate.onTransportClosed(transport, reason);
        }
    }
}
