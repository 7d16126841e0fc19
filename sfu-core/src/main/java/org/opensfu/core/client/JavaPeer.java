package org.opensfu.core.client;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.loop.MediaLoop;
import org.opensfu.core.srtp.SrtpProfile;
import org.opensfu.core.time.Clock;
import org.opensfu.core.transport.RemoteTransportParameters;
import org.opensfu.core.transport.TransportListener;
import org.opensfu.core.transport.TransportOptions;
import org.opensfu.core.transport.WebRtcTransport;
import org.opensfu.core.transport.dtls.DtlsCertificate;
import org.opensfu.core.transport.dtls.DtlsFingerprint;
import org.opensfu.core.transport.dtls.DtlsRole;
import org.opensfu.core.transport.ice.IceCandidate;
import org.opensfu.core.transport.ice.IceParameters;
import org.opensfu.core.transport.ice.IceRole;
import org.opensfu.core.transport.ice.IceSockets;

/**
 * The client side of a WebRTC transport, in Java: the controlling ICE agent (it sends the offer), the DTLS client
 * (the SFU answers {@code a=setup:passive}) and SRTP. Tests and the load generator use it to talk to the SFU exactly as
 * a browser's transport would, with the same libraries.
 *
 * <p>Each peer binds its own UDP socket on an ephemeral port of the given local address.
 */
public final class JavaPeer implements AutoCloseable {
    private final WebRtcTransport transport;

    /**
     * @param certificate a certificate to present (may be shared by many peers of one process)
     * @param profiles    SRTP profiles offered, preferred first
     */
    public JavaPeer(String id, InetAddress localAddress, DtlsCertificate certificate, List<SrtpProfile> profiles,
                    Duration dtlsHandshakeTimeout, MediaLoop loop, PacketBufferPool pool, Clock clock,
                    TransportListener listener) {
        TransportOptions options = new TransportOptions(id, IceRole.CONTROLLING, DtlsRole.CLIENT,
                new IceSockets.OwnSocket(localAddress), certificate, profiles, dtlsHandshakeTimeout);
        this.transport = new WebRtcTransport(options, loop, pool, clock, listener);
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

    /** Starts ICE toward the SFU; DTLS follows. */
    public void connect(RemoteTransportParameters sfu) {
        transport.start(sfu);
    }

    public WebRtcTransport transport() {
        return transport;
    }

    /** Closes the transport, sending DTLS close_notify if connected. */
    @Override
    public void close() {
        transport.close();
    }

    /**
     * Stops without telling the SFU anything, as a client that vanishes would (a crashed tab, a lost network): for
     * testing the SFU's inactivity timeout.
     */
    public void vanish() {
        transport.closeSilently();
    }
}
