package org.opensfu.core.stats;

/** Why a received datagram was not processed. Every drop is counted under one reason; none is logged per packet. */
public enum DropReason {
    /** First byte matches no protocol we speak (RFC 7983), or the datagram is too short for the one it names. */
    UNKNOWN_PROTOCOL,
    /** Larger than the largest datagram we accept. */
    OVERSIZED,
    /** SRTP or SRTCP before the DTLS handshake finished. */
    NOT_CONNECTED,
    /** The media loop's queue was full (overload). */
    LOOP_QUEUE_FULL,
    /** The DTLS queue was full. */
    DTLS_QUEUE_FULL,
    SRTP_AUTH_FAILED,
    SRTP_REPLAYED,
    SRTP_INVALID,
    SRTP_SSRC_LIMIT,
    SRTP_CRYPTO_ERROR,
    /** Decrypted, but not a well-formed RTP or RTCP packet. */
    MALFORMED,
    /** The transport was closing. */
    CLOSED
}
