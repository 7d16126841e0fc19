package org.opensfu.core.transport.dtls;

/**
 * Which side of the DTLS handshake this endpoint plays. In SDP terms (RFC 8842 §5.3): the endpoint that answers
 * {@code a=setup:passive} is the {@link #SERVER}; {@code a=setup:active} is the {@link #CLIENT}.
 */
public enum DtlsRole {
    SERVER,
    CLIENT
}
