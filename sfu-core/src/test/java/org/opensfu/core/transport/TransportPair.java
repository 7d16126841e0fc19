package org.opensfu.core.transport;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.client.JavaPeer;
import org.opensfu.core.loop.MediaLoopGroup;
import org.opensfu.core.srtp.SrtpProfile;
import org.opensfu.core.testing.RecordingTransportListener;
import org.opensfu.core.time.Clock;
import org.opensfu.core.transport.dtls.DtlsCertificate;
import org.opensfu.core.transport.ice.MediaPortConfig;

/** A server-side transport on a loopback media port and a Java peer, wired but not yet started. */
final class TransportPair implements AutoCloseable {
    final PacketBufferPool pool = new PacketBufferPool(1024);
    final MediaLoopGroup loops = new MediaLoopGroup("test-loop", 2, Clock.system(), 4096);
    final TransportManager manager;
    final RecordingTransportListener serverEvents = new RecordingTransportListener();
    final RecordingTransportListener peerEvents = new RecordingTransportListener();
    final WebRtcTransport server;
    final JavaPeer peer;

    TransportPair(Duration inactivityTimeout, List<SrtpProfile> peerProfiles) {
        this(MediaPortConfig.loopbackEphemeral(), inactivityTimeout, peerProfiles);
    }

    TransportPair(MediaPortConfig mediaPort, Duration inactivityTimeout, List<SrtpProfile> peerProfiles) {
        manager = new TransportManager(
                new TransportManagerConfig(mediaPort, inactivityTimeout, Duration.ofSeconds(10),
                        List.of(SrtpProfile.values())),
                Clock.system(), pool, loops.loops().get(0));
        server = manager.create("server-1", loops.loops().get(0), serverEvents);
        peer = new JavaPeer("peer-1", InetAddress.getLoopbackAddress(),
                DtlsCertificate.generate(Clock.system(), new SecureRandom()), peerProfiles, Duration.ofSeconds(10),
                loops.loops().get(1), pool, Clock.system(), peerEvents);
    }

    /** Exchanges parameters as signaling would: each side learns the other's ufrag, password, candidates, fingerprint. */
    void start() {
        server.start(new RemoteTransportParameters(peer.localIceParameters(), peer.localCandidates(),
                peer.localFingerprint()));
        peer.connect(new RemoteTransportParameters(server.localIceParameters(), manager.localCandidates(),
                server.localFingerprint()));
    }

    @Override
    public void close() {
        peer.close();
        manager.close();
        loops.close();
    }
}
