package org.opensfu.core.srtp;

/** Outcome of one SRTP/SRTCP transform. Anything but {@link #OK} means the packet is dropped and counted. */
public enum SrtpResult {
    OK,
    /** The authentication tag did not verify: forged, corrupted, or keyed for another session. */
    AUTH_FAILED,
    /** Seen before, or older than the replay window (RFC 3711 §3.3.2). */
    REPLAYED,
    /** Too short or otherwise not a packet the transform can take. */
    INVALID,
    /** More SSRCs than {@link SrtpSession#MAX_SSRCS} on this session. */
    SSRC_LIMIT,
    /** The cipher failed (should not happen). */
    CRYPTO_ERROR
}
