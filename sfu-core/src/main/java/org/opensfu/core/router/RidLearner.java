package org.opensfu.core.router;

import org.opensfu.core.rtp.HeaderExtension;
import org.opensfu.core.rtp.RtpPacket;

/**
 * Learns the SSRCs of rid-identified simulcast layers (RFC 8851, RFC 8852 §3): a packet with an unknown SSRC names
 * its m-section in the MID header extension and its layer in the rtp-stream-id (or, for RTX, the
 * repaired-rtp-stream-id) extension; its SSRC is then bound to that layer for good. Allocates nothing.
 */
final class RidLearner {

    /** The producer the packet belongs to once its SSRC is bound, or null if the packet names no known layer. */
    Producer learn(RouterEndpoint endpoint, RtpPacket packet) {
        if (!packet.hasExtension()) {
            return null;
        }
        for (Producer producer : endpoint.producersList()) {
            int midIndex = packet.findExtension(producer.spec().extensions().id(HeaderExtension.MID));
            if (midIndex < 0 || !producer.hasMid(packet.buffer(), packet.extensionDataOffset(midIndex),
                    packet.extensionDataLength(midIndex))) {
                continue;
            }
            if (bind(endpoint, producer, packet, HeaderExtension.RTP_STREAM_ID, false)
                    || bind(endpoint, producer, packet, HeaderExtension.REPAIRED_RTP_STREAM_ID, true)) {
                return producer;
            }
            return null;
        }
        return null;
    }

    private static boolean bind(RouterEndpoint endpoint, Producer producer, RtpPacket packet,
                                HeaderExtension extension, boolean rtx) {
        int id = producer.spec().extensions().id(extension);
        int index = id == 0 ? -1 : packet.findExtension(id);
        if (index < 0) {
            return false;
        }
        for (int l = 0; l < producer.layerCount(); l++) {
            ProducerLayer layer = producer.layer(l);
            if (layer.hasRid(packet.buffer(), packet.extensionDataOffset(index), packet.extensionDataLength(index))) {
                boolean unbound = rtx ? layer.rtxSsrc() == 0 : !layer.ssrcKnown();
                return unbound && endpoint.bindLayerSsrc(producer, layer, packet.ssrc(), rtx);
            }
        }
        return false;
    }
}
