package org.opensfu.core.sdp;

import java.util.Optional;

/**
 * Values of {@code a=setup} (RFC 4145 §4), which pick the DTLS client and server (RFC 8842 §5): an offer says
 * {@link #ACTPASS}; the answerer that says {@link #PASSIVE} becomes the DTLS server, {@link #ACTIVE} the client.
 */
public enum SetupRole {
    ACTIVE("active"),
    PASSIVE("passive"),
    ACTPASS("actpass"),
    HOLDCONN("holdconn");

    private final String sdpValue;

    SetupRole(String sdpValue) {
        this.sdpValue = sdpValue;
    }

    public String sdpValue() {
        return sdpValue;
    }

    public static Optional<SetupRole> fromSdpValue(String value) {
        for (SetupRole r : values()) {
            if (r.sdpValue.equals(value)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    static SetupRole parse(String value) {
        return fromSdpValue(value.strip()).orElseThrow(() -> new IllegalArgumentException(
                "setup role " + SdpSyntax.quote(value) + " is not active, passive, actpass or holdconn"));
    }
}
