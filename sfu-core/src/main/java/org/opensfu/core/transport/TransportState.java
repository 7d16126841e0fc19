package org.opensfu.core.transport;

/** Lifecycle of a {@link WebRtcTransport}. */
public enum TransportState {
    /** Created; ICE not started. */
    NEW,
    /** ICE checks and the DTLS handshake are under way. */
    CONNECTING,
    /** DTLS done, SRTP keys in place: media flows. */
    CONNECTED,
    CLOSED
}
