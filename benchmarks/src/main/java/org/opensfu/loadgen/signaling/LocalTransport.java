package org.opensfu.loadgen.signaling;

import java.util.List;
import org.opensfu.core.transport.dtls.DtlsFingerprint;
import org.opensfu.core.transport.ice.IceCandidate;
import org.opensfu.core.transport.ice.IceParameters;

/** What a local description says about our transport: ICE credentials, certificate fingerprint, host candidates. */
public record LocalTransport(IceParameters ice, DtlsFingerprint fingerprint, List<IceCandidate> candidates) {
    public LocalTransport {
        candidates = List.copyOf(candidates);
    }
}
