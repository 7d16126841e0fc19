package org.opensfu.core.transport;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.opensfu.core.srtp.SrtpProfile;
import org.opensfu.core.transport.ice.MediaPortConfig;

/**
 * Settings of the server side's transports.
 *
 * @param mediaPort            where the shared UDP port binds and what it advertises
 * @param inactivityTimeout    a transport with neither consent nor traffic for this long is closed (RFC 7675 §5.1
 *                             suggests 30 s)
 * @param dtlsHandshakeTimeout an unfinished DTLS handshake fails after this
 * @param srtpProfiles         accepted SRTP profiles, preferred first
 */
public record TransportManagerConfig(MediaPortConfig mediaPort, Duration inactivityTimeout,
                                     Duration dtlsHandshakeTimeout, List<SrtpProfile> srtpProfiles) {
    public static final Duration DEFAULT_INACTIVITY_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DTLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(15);

    public TransportManagerConfig {
        Objects.requireNonNull(mediaPort, "mediaPort");
        srtpProfiles = List.copyOf(srtpProfiles);
        if (inactivityTimeout.isNegative() || inactivityTimeout.isZero()) {
            throw new IllegalArgumentException("inactivity timeout must be positive");
        }
        if (dtlsHandshakeTimeout.isNegative() || dtlsHandshakeTimeout.isZero()) {
            throw new IllegalArgumentException("DTLS handshake timeout must be positive");
        }
        if (srtpProfiles.isEmpty()) {
            throw new IllegalArgumentException("at least one SRTP profile");
        }
    }

    public static TransportManagerConfig defaults(MediaPortConfig mediaPort) {
        return new TransportManagerConfig(mediaPort, DEFAULT_INACTIVITY_TIMEOUT, DEFAULT_DTLS_HANDSHAKE_TIMEOUT,
                List.of(SrtpProfile.values()));
    }
}
