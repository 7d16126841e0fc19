package org.opensfu.core.negotiation;

import org.opensfu.core.router.MediaKind;
import org.opensfu.core.rtp.HeaderExtensionMap;

/**
 * A sending m-section of an offer that the answer accepted: what the publisher will send.
 *
 * @param mid          the m-section
 * @param kind         audio or video
 * @param ssrc         the media SSRC from {@code a=ssrc} (the first of an FID group)
 * @param rtxSsrc      the RTX SSRC from {@code a=ssrc-group:FID}, or 0
 * @param payloadType  the accepted codec's payload type
 * @param clockRateHz  the codec's clock rate
 * @param extensions   the extension IDs accepted in the answer
 * @param acceptsPli   whether {@code nack pli} was accepted (else keyframes are requested with FIR)
 */
public record PublishedMedia(String mid, MediaKind kind, int ssrc, int rtxSsrc, int payloadType, int clockRateHz,
                             HeaderExtensionMap extensions, boolean acceptsPli) {
}
