package org.opensfu.core.sdp;

import java.util.List;
import java.util.Optional;
import org.opensfu.core.transport.dtls.DtlsFingerprint;
import org.opensfu.core.transport.ice.IceParameters;

/**
 * The ICE credentials (RFC 8839 §5.4) and DTLS parameters (RFC 8122 §5, RFC 8842 §5) that apply to one m-section,
 * after the fall-backs of {@link SessionDescription#iceDtlsParameters(MediaDescription)}. Absent values are null
 * (or an empty list).
 *
 * @param fingerprints the parsable fingerprints with a hash function the JDK supports, in order
 */
public record IceDtlsParameters(String iceUfrag, String icePassword, List<DtlsFingerprint> fingerprints,
                                SetupRole setup) {

    public IceDtlsParameters {
        fingerprints = List.copyOf(fingerprints);
    }

    /** The first fingerprint. */
    public Optional<DtlsFingerprint> fingerprint() {
        return fingerprints.stream().findFirst();
    }

    /** The ufrag and password as {@link IceParameters}, if both are present. */
    public Optional<IceParameters> iceParameters() {
        if (iceUfrag == null || icePassword == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new IceParameters(iceUfrag, icePassword));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True if ufrag, password, a fingerprint and the setup role are all known. */
    public boolean isComplete() {
        return iceUfrag != null && icePassword != null && !fingerprints.isEmpty() && setup != null;
    }
}
