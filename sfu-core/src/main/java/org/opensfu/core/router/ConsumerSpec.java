package org.opensfu.core.router;

import java.util.Objects;
import org.opensfu.core.rtp.HeaderExtensionMap;

/**
 * How one subscriber receives one producer, from the subscriber's offer and our answer.
 *
 * @param ssrc           the SSRC we send with (announced in our answer), unique on the subscriber's transport
 * @param payloadType    the codec's payload type in the subscriber's numbering
 * @param rtxSsrc        our RTX SSRC (retransmissions and probes, RFC 4588), 0 when RTX was not negotiated
 * @param rtxPayloadType the subscriber's RTX payload type for the codec, -1 when RTX was not negotiated
 * @param extensions     the subscriber's header extension IDs
 */
public record ConsumerSpec(int ssrc, int payloadType, int rtxSsrc, int rtxPayloadType, HeaderExtensionMap extensions) {
    public ConsumerSpec {
        Objects.requireNonNull(extensions, "extensions");
        if (payloadType < 0 || payloadType > 127 || rtxPayloadType < -1 || rtxPayloadType > 127) {
            throw new IllegalArgumentException("bad payload type");
        }
        if ((rtxSsrc == 0) != (rtxPayloadType < 0)) {
            throw new IllegalArgumentException("RTX needs both an SSRC and a payload type");
        }
    }

    /** A consumer without RTX. */
    public ConsumerSpec(int ssrc, int payloadType, HeaderExtensionMap extensions) {
        this(ssrc, payloadType, 0, -1, extensions);
    }

    /** Whether retransmissions and probes go on a separate RTX stream. */
    public boolean hasRtx() {
        return rtxSsrc != 0;
    }
}
