package org.opensfu.core.negotiation;

import org.opensfu.core.rtp.HeaderExtensionMap;

/**
 * A receiving m-section of an offer that the answer accepted: how the subscriber gets one track.
 *
 * @param mid            the m-section
 * @param trackId        the track sent on it
 * @param ssrc           our SSRC for it
 * @param payloadType    the codec's payload type in the subscriber's numbering
 * @param rtxSsrc        our RTX SSRC for it, or 0 when RTX was not negotiated
 * @param rtxPayloadType the subscriber's RTX payload type, or -1
 * @param extensions     the extension IDs accepted in the answer
 * @param transportCc    whether transport-wide congestion control feedback was accepted
 */
public record SubscribedMedia(String mid, String trackId, int ssrc, int payloadType, int rtxSsrc, int rtxPayloadType,
                              HeaderExtensionMap extensions, boolean transportCc) {
}
