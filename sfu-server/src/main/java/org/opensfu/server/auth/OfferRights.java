package org.opensfu.server.auth;

import org.opensfu.api.ErrorCode;
import org.opensfu.api.signaling.Offer;
import org.opensfu.core.sdp.MediaDescription;
import org.opensfu.core.sdp.SdpParseException;
import org.opensfu.core.sdp.SessionDescription;
import org.opensfu.server.api.ApiException;

/** Whether a participant's grants allow an offer: publishing needs the publish right, subscribing the subscribe one. */
public final class OfferRights {
    private OfferRights() {
    }

    /**
     * Checks an offer against the grants. An SDP that does not parse passes: negotiation refuses it with BAD_REQUEST.
     *
     * @throws ApiException FORBIDDEN for an offer that sends media without the publish right, or that subscribes
     *                      without the subscribe right
     */
    public static void check(Grants grants, Offer offer) {
        if (!grants.canSubscribe() && offer.subscribe() != null && !offer.subscribe().isEmpty()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "the token does not allow subscribing");
        }
        if (grants.canPublish() || offer.sdp() == null) {
            return;
        }
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(offer.sdp());
        } catch (SdpParseException | IllegalArgumentException e) {
            return;
        }
        for (MediaDescription section : sdp.media()) {
            if (section.isRtp() && !section.isRejected() && sdp.effectiveDirection(section).sends()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "the token does not allow publishing (m-section "
                        + section.mid().orElse("?") + " sends " + section.mediaType() + "); offer it recvonly");
            }
        }
    }
}
