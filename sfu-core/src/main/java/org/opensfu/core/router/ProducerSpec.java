package org.opensfu.core.router;

import java.util.Objects;
import org.opensfu.core.rtp.HeaderExtensionMap;

/**
 * What a publisher sends on one m-section, from its offer.
 *
 * @param producerId   unique in the room (the track id)
 * @param kind         audio or video
 * @param ssrc         the media SSRC
 * @param rtxSsrc      the RTX SSRC (RFC 4588), 0 if none
 * @param payloadType  the codec's payload type in the publisher's numbering
 * @param clockRateHz  the codec's RTP clock rate
 * @param extensions   the publisher's header extension IDs
 * @param acceptsPli   whether the publisher negotiated {@code nack pli} (else FIR is used for keyframes)
 */
public record ProducerSpec(String producerId, MediaKind kind, int ssrc, int rtxSsrc, int payloadType, int clockRateHz,
                           HeaderExtensionMap extensions, boolean acceptsPli) {
    public ProducerSpec {
        Objects.requireNonNull(producerId, "producerId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(extensions, "extensions");
        if (payloadType < 0 || payloadType > 127 || clockRateHz <= 0) {
            throw new IllegalArgumentException("bad payload type or clock rate");
        }
    }
}
