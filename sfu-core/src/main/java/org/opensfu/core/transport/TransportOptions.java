package org.opensfu.core.transport;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.opensfu.core.srtp.SrtpProfile;
import org.opensfu.core.transport.dtls.DtlsCertificate;
import org.opensfu.core.transport.dtls.DtlsRole;
import org.opensfu.core.transport.ice.IceRole;
import org.opensfu.core.transport.ice.IceSockets;

/**
 * How to build one {@link WebRtcTransport}.
 *
 * @param id                     a unique id, used in logs
 * @param iceRole                controlled when the peer offered, controlling when we offer
 * @param dtlsRole               server when we answered {@code a=setup:passive}
 * @param sockets                the server's shared media port, or a socket of its own (clients)
 * @param certificate            our DTLS certificate
 * @param srtpProfiles           profiles we accept, in preference order
 * @param dtlsHandshakeTimeout   after which an unfinished handshake fails the transport
 */
public record TransportOptions(String id, IceRole iceRole, DtlsRole dtlsRole,
                               IceSockets sockets, DtlsCertificate certificate,
                               List<SrtpProfile> srtpProfiles, Duration dtlsHandshakeTimeout) {
    public TransportOptions {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(iceRole, "iceRole");
        Objects.requireNonNull(dtlsRole, "dtlsRole");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(sockets, "sockets");
        srtpProfiles = List.copyOf(srtpProfiles);
        if (srtpProfiles.isEmpty()) {
            throw new IllegalArgumentException("at least one SRTP profile");
        }
    }
}
