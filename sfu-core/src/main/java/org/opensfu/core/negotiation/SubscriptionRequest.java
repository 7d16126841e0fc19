package org.opensfu.core.negotiation;

import java.util.Objects;
import org.opensfu.core.router.MediaKind;

/**
 * What the server will send on one recvonly m-section of a subscriber's offer.
 *
 * @param trackId  the published track (becomes the track id of {@code a=msid})
 * @param kind     its kind; an m-section of the other kind is answered inactive
 * @param streamId the publisher's participant id (the stream id of {@code a=msid}: a participant's tracks share it)
 * @param ssrc     the SSRC we send it with on this subscriber's transport (kept across renegotiations)
 * @param rtxSsrc  the SSRC of our RTX stream for it (retransmissions, probing), used if RTX is negotiated
 * @param cname    the RTCP CNAME for it (the publisher's, so receivers can synchronize its audio and video)
 */
public record SubscriptionRequest(String trackId, MediaKind kind, String streamId, int ssrc, int rtxSsrc,
                                  String cname) {
    public SubscriptionRequest {
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(cname, "cname");
    }
}
