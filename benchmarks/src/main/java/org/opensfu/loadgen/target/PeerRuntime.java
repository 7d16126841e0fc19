package org.opensfu.loadgen.target;

import java.net.InetAddress;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.loop.MediaLoopGroup;
import org.opensfu.core.srtp.SrtpProfile;
import org.opensfu.core.time.Clock;
import org.opensfu.core.transport.TransportOptions;
import org.opensfu.core.transport.dtls.DtlsCertificate;
import org.opensfu.core.transport.dtls.DtlsRole;
import org.opensfu.core.transport.ice.IceRole;
import org.opensfu.core.transport.ice.IceSockets;
import org.opensfu.loadgen.measure.ClientMetrics;
import org.opensfu.loadgen.peer.SimulatedPeer;

/**
 * What all simulated participants of a run share: the media loops their peers are spread over, the packet pool, one
 * DTLS certificate (as one browser profile would), the SRTP profiles offered, the metrics, and an HTTP client for
 * signaling. Peers bind their own UDP sockets on {@code localAddress} (loopback).
 */
public final class PeerRuntime implements AutoCloseable {
    private static final Duration DTLS_TIMEOUT = Duration.ofSeconds(15);

    private final MediaLoopGroup loops;
    private final PacketBufferPool pool;
    private final Clock clock = Clock.system();
    private final DtlsCertificate certificate;
    private final List<SrtpProfile> srtpProfiles;
    private final ClientMetrics metrics;
    private final HttpClient http = HttpClient.newHttpClient();
    private final InetAddress localAddress;
    private final SplittableRandom seeds;

    public PeerRuntime(int threads, List<SrtpProfile> srtpProfiles, InetAddress localAddress, ClientMetrics metrics,
                       long seed) {
        this.loops = new MediaLoopGroup("loadgen", threads, clock, 16_384);
        this.pool = new PacketBufferPool(8192);
        this.certificate = DtlsCertificate.generate(clock, new SecureRandom());
        this.srtpProfiles = List.copyOf(srtpProfiles);
        this.localAddress = localAddress;
        this.metrics = metrics;
        this.seeds = new SplittableRandom(seed);
    }

    /**
     * A new peer connection on the next media loop.
     *
     * @param iceRole  controlling when we offer, controlled when the SFU offers
     * @param dtlsRole client unless the SFU's SDP makes it the DTLS client
     */
    public SimulatedPeer newPeer(String id, IceRole iceRole, DtlsRole dtlsRole) {
        TransportOptions options = new TransportOptions(id, iceRole, dtlsRole, new IceSockets.OwnSocket(localAddress),
                certificate, srtpProfiles, DTLS_TIMEOUT);
        return new SimulatedPeer(options, loops.next(), pool, clock, metrics, random());
    }

    /** A random generator of its own for one participant (SSRCs, sequence numbers). */
    public synchronized SplittableRandom random() {
        return seeds.split();
    }

    public Clock clock() {
        return clock;
    }

    public ClientMetrics metrics() {
        return metrics;
    }

    public HttpClient http() {
        return http;
    }

    public PacketBufferPool pool() {
        return pool;
    }

    @Override
    public void close() {
        loops.close();
        http.close();
    }
}
