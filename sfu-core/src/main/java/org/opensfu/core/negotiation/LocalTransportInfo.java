package org.opensfu.core.negotiation;

import java.util.List;
import java.util.Objects;
import org.opensfu.core.transport.dtls.DtlsFingerprint;
import org.opensfu.core.transport.ice.IceCandidate;
import org.opensfu.core.transport.ice.IceParameters;

/** Our side of the transport, as the answer presents it: ICE credentials, certificate fingerprint, candidates. */
public record LocalTransportInfo(IceParameters ice, DtlsFingerprint fingerprint, List<IceCandidate> candidates) {
    public LocalTransportInfo {
        Objects.requireNonNull(ice, "ice");
        Objects.requireNonNull(fingerprint, "fingerprint");
        candidates = List.copyOf(candidates);
    }
}
