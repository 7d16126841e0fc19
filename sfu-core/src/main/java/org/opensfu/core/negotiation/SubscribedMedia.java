package org.opensfu.core.negotiation;

import org.opensfu.core.rtp.HeaderExtensionMap;

/**
 * A receiving m-section of an offer that the answer accepted: how the subscriber gets one track.
 *
 * @param mid         the m-section
 * @param trackId     the track sent on it
 * @param ssrc        our SSRC for it
 * @param payloadType the codec's payload type in the subscriber's numbering
 * @param extensions  the extension IDs accepted in the answer
 */
public record SubscribedMedia(String mid, String trackId, int ssrc, int payloadType, HeaderExtensionMap extensions) {
}
