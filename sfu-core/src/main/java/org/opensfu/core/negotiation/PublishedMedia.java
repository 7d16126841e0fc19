package org.opensfu.core.negotiation;

import java.util.List;
import org.opensfu.core.router.MediaKind;
import org.opensfu.core.rtp.HeaderExtensionMap;

/**
 * A sending m-section of an offer that the answer accepted: what the publisher will send.
 *
 * @param mid            the m-section
 * @param kind           audio or video
 * @param layers         its encodings, lowest first: one, or several for simulcast
 * @param payloadType    the accepted codec's payload type
 * @param clockRateHz    the codec's clock rate
 * @param rtxPayloadType the accepted RTX payload type, or -1
 * @param extensions     the extension IDs accepted in the answer
 * @param acceptsPli     whether {@code nack pli} was accepted (else keyframes are requested with FIR)
 * @param acceptsNack    whether generic {@code nack} was accepted: we may ask for retransmissions
 * @param transportCc    whether transport-wide congestion control feedback was accepted
 */
public record PublishedMedia(String mid, MediaKind kind, List<PublishedLayer> layers, int payloadType,
                             int clockRateHz, int rtxPayloadType, HeaderExtensionMap extensions, boolean acceptsPli,
                             boolean acceptsNack, boolean transportCc) {
    public PublishedMedia {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("at least one layer");
        }
    }

    /** The SSRC of the lowest layer (or 0 for rid-only layers): identifies the publication across offers. */
    public int primarySsrc() {
        return layers.get(0).ssrc();
    }

    public boolean isSimulcast() {
        return layers.size() > 1;
    }
}
