package org.opensfu.core.transport.ice;

import java.util.Objects;

/**
 * ICE credentials of one side: {@code a=ice-ufrag} and {@code a=ice-pwd} (RFC 8839 §5.4). Ufrags must not contain
 * a colon: ice4j demultiplexes the shared port by the part of the STUN USERNAME before the first colon.
 */
public record IceParameters(String ufrag, String password) {
    private static final String ICE_CHARS = "[A-Za-z0-9+/]";

    public IceParameters {
        Objects.requireNonNull(ufrag, "ufrag");
        Objects.requireNonNull(password, "password");
        if (!ufrag.matches(ICE_CHARS + "{4,256}")) {
            throw new IllegalArgumentException("ICE ufrag must be 4-256 ice-chars: " + ufrag);
        }
        if (!password.matches(ICE_CHARS + "{22,256}")) {
            throw new IllegalArgumentException("ICE password must be 22-256 ice-chars");
        }
    }
}
