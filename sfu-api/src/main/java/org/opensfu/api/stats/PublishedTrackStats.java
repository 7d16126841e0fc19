package org.opensfu.api.stats;

import java.util.List;

/**
 * A track as the SFU receives it from its publisher.
 *
 * @param trackId            the track
 * @param kind               "audio" or "video"
 * @param packetsReceived    RTP packets received on all its layers
 * @param packetsDropped     packets not forwarded (another codec than negotiated, audio without payload)
 * @param keyframeRequests   keyframe requests (PLI or FIR) sent to the publisher
 * @param layers             its encodings, lowest first (one unless simulcast)
 */
public record PublishedTrackStats(String trackId, String kind, long packetsReceived, long packetsDropped,
                                  long keyframeRequests, List<LayerStats> layers) {
    public PublishedTrackStats {
        layers = layers == null ? List.of() : List.copyOf(layers);
    }
}
