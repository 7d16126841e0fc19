package org.opensfu.core.transport.dtls;

/** Lifecycle of a {@link DtlsTransport}. */
public enum DtlsState {
    NEW,
    CONNECTING,
    CONNECTED,
    /** The handshake failed: timeout, alert, no common SRTP profile, or a certificate that does not match. */
    FAILED,
    CLOSED
}
