package org.opensfu.core.transport;

import java.util.List;
import java.util.Objects;
import org.opensfu.core.transport.dtls.DtlsFingerprint;
import org.opensfu.core.transport.ice.IceCandidate;
import org.opensfu.core.transport.ice.IceParameters;

/** What the peer signalled about its transport: ICE credentials, candidates so far, and its certificate fingerprint. */
public record RemoteTransportParameters(IceParameters ice, List<IceCandidate> candidates, DtlsFingerprint fingerprint) {
    public RemoteTransportParameters {
        Objects.requireNonNull(ice, "ice");
        Objects.requireNonNull(fingerprint, "fingerprint");
        candidates = List.copyOf(candidates);
    }
}
