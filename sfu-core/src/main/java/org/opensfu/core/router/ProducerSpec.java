package org.opensfu.core.router;

import java.util.List;
import java.util.Objects;
import org.opensfu.core.rtp.HeaderExtensionMap;

/**
 * What a publisher sends on one m-section, from its offer.
 *
 * @param producerId     unique in the room (the track id)
 * @param kind           audio or video
 * @param mid            the publisher's m-section (matched against the MID header extension to learn rid layers)
 * @param layers         its encodings, lowest first: one, or several for simulcast
 * @param payloadType    the codec's payload type in the publisher's numbering
 * @param rtxPayloadType the RTX payload type, or -1
 * @param clockRateHz    the codec's RTP clock rate
 * @param extensions     the publisher's header extension IDs
 * @param acceptsPli     whether the publisher negotiated {@code nack pli} (else FIR is used for keyframes)
 * @param acceptsNack    whether the publisher negotiated generic {@code nack}: we ask it to resend what we missed
 */
public record ProducerSpec(String producerId, MediaKind kind, String mid, List<ProducerLayerSpec> layers,
                           int payloadType, int rtxPayloadType, int clockRateHz, HeaderExtensionMap extensions,
                           boolean acceptsPli, boolean acceptsNack) {
    public ProducerSpec {
        Objects.requireNonNull(producerId, "producerId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(extensions, "extensions");
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("at least one layer");
        }
        if (payloadType < 0 || payloadType > 127 || clockRateHz <= 0) {
            throw new IllegalArgumentException("bad payload type or clock rate");
        }
    }

    /** A producer with one layer identified by SSRC (audio, or video without simulcast). */
    public static ProducerSpec single(String producerId, MediaKind kind, String mid, int ssrc, int rtxSsrc,
                                      int payloadType, int clockRateHz, HeaderExtensionMap extensions,
                                      boolean acceptsPli) {
        return new ProducerSpec(producerId, kind, mid, List.of(new ProducerLayerSpec(null, ssrc, rtxSsrc)),
                payloadType, -1, clockRateHz, extensions, acceptsPli, false);
    }
}
