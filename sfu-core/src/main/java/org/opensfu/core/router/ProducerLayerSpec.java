package org.opensfu.core.router;

/**
 * One encoding of a producer, as negotiated: lowest first.
 *
 * @param rid     its RTP stream id (RFC 8851), or null when it is identified by SSRC
 * @param ssrc    its SSRC, or 0 until learned from a packet carrying the rid
 * @param rtxSsrc its RTX SSRC, or 0
 */
public record ProducerLayerSpec(String rid, int ssrc, int rtxSsrc) {
    public ProducerLayerSpec {
        if (rid == null && ssrc == 0) {
            throw new IllegalArgumentException("a layer needs an SSRC or a rid");
        }
    }
}
