package org.opensfu.core.negotiation;

/** An offer the server cannot answer at all (no BUNDLE, no ICE credentials, an unusable DTLS role...). */
public final class NegotiationException extends Exception {
    public NegotiationException(String message) {
        super(message);
    }
}
