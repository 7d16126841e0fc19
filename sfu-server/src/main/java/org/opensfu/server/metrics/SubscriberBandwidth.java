package org.opensfu.server.metrics;

/**
 * What the SFU estimates and sends toward one participant, as exported per participant.
 *
 * @param room            the participant's room
 * @param participantId   the participant
 * @param estimateBps     the send-side bandwidth estimate toward it (transport-cc), bits per second
 * @param allocatedBps    what the layer allocation gives its video, bits per second
 * @param roundTripMicros smoothed round-trip time from its RTCP reports, microseconds; -1 before any
 */
public record SubscriberBandwidth(String room, String participantId, long estimateBps, long allocatedBps,
                                  long roundTripMicros) {
}
