package org.opensfu.core.negotiation;

/**
 * One encoding of a published m-section: a simulcast layer, or the only stream. Layers are listed lowest first.
 *
 * @param rid     its RTP stream id (RFC 8851), or null when the offer identifies it by SSRC
 * @param ssrc    its SSRC, or 0 when only the rid is known (learned from the first packets carrying the rid)
 * @param rtxSsrc its RTX SSRC from an FID group, or 0
 */
public record PublishedLayer(String rid, int ssrc, int rtxSsrc) {
}
