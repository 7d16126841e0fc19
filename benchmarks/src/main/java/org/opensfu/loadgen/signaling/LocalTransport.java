package org.opensfu.loadgen.signaling;

import java.util.List;
import org.opensfu.core.sdp.Connection;
import org.opensfu.core.sdp.MediaDescription;
import org.opensfu.core.sdp.MediaDescriptionBuilder;
import org.opensfu.core.sdp.SetupRole;
import org.opensfu.core.transport.dtls.DtlsFingerprint;
import org.opensfu.core.transport.ice.IceCandidate;
import org.opensfu.core.transport.ice.IceParameters;

/** What a local description says about our transport: ICE credentials, certificate fingerprint, host candidates. */
public record LocalTransport(IceParameters ice, DtlsFingerprint fingerprint, List<IceCandidate> candidates) {
    public LocalTransport {
        candidates = List.copyOf(candidates);
    }

    /**
     * Starts a media section that carries this transport (RFC 8829 §5.2.1 / §5.3.1 with BUNDLE, RFC 8843): port 9,
     * ICE credentials, fingerprint and DTLS role; the candidates only in the first (bundle-tag) section.
     */
    MediaDescriptionBuilder section(String mediaType, String protocol, String mid, SetupRole role, boolean first) {
        MediaDescriptionBuilder section = MediaDescription.builder(mediaType, 9, protocol, List.of());
        section.connection(new Connection("IN", "IP4", "0.0.0.0"));
        if (first) {
            for (IceCandidate candidate : candidates) {
                section.candidate(candidate);
            }
            section.endOfCandidates();
        }
        section.iceUfrag(ice.ufrag());
        section.icePassword(ice.password());
        section.fingerprint(fingerprint);
        section.setup(role);
        section.mid(mid);
        return section;
    }
}
