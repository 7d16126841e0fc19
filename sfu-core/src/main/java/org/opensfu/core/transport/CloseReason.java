package org.opensfu.core.transport;

/** Why a transport ended. */
public enum CloseReason {
    /** Its owner closed it (participant left, room deleted, server stopping). */
    LOCAL,
    /** No consent and no traffic for the configured time (RFC 7675 consent expired). */
    INACTIVE,
    ICE_FAILED,
    /** Handshake failure: timeout, no common profile, or a certificate that does not match the fingerprint. */
    DTLS_FAILED,
    /** The peer sent a DTLS close_notify. */
    PEER_CLOSED
}
