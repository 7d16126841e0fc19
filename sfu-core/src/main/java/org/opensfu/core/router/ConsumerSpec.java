package org.opensfu.core.router;

import java.util.Objects;
import org.opensfu.core.rtp.HeaderExtensionMap;

/**
 * How one subscriber receives one producer, from the subscriber's offer and our answer.
 *
 * @param ssrc        the SSRC we send with (announced in our answer), unique on the subscriber's transport
 * @param payloadType the codec's payload type in the subscriber's numbering
 * @param extensions  the subscriber's header extension IDs
 */
public record ConsumerSpec(int ssrc, int payloadType, HeaderExtensionMap extensions) {
    public ConsumerSpec {
        Objects.requireNonNull(extensions, "extensions");
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("bad payload type");
        }
    }
}
