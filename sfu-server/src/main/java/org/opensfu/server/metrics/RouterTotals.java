package org.opensfu.server.metrics;

/**
 * Counters summed over every room's router: media packets forwarded to subscribers (and failed sends), keyframe
 * requests sent to publishers or coalesced, and what the router could not use.
 */
public record RouterTotals(long packetsForwarded, long forwardFailures, long keyframeRequestsSent,
                           long keyframeRequestsSuppressed, long rtpUnknownSsrc, long rtpMalformed,
                           long rtcpMalformed, long producerPacketsDropped) {
    public static final RouterTotals ZERO = new RouterTotals(0, 0, 0, 0, 0, 0, 0, 0);

    RouterTotals plus(RouterTotals other) {
        return new RouterTotals(packetsForwarded + other.packetsForwarded, forwardFailures + other.forwardFailures,
                keyframeRequestsSent + other.keyframeRequestsSent,
                keyframeRequestsSuppressed + other.keyframeRequestsSuppressed, rtpUnknownSsrc + other.rtpUnknownSsrc,
                rtpMalformed + other.rtpMalformed, rtcpMalformed + other.rtcpMalformed,
                producerPacketsDropped + other.producerPacketsDropped);
    }
}
