package org.opensfu.server.metrics;

/**
 * What the SFU estimates and sends toward one participant, as exported per participant.
 *
 * @param room            the participant's room
 * @param participantId   the participant
 * @param estimateBps     the send-side bandwidth estimate toward it (transport-cc), bits per second
 * @param allocatedBps    what the layer allocation gives its video, bits per second
 */
public record SubscriberBandwidth(String room, String participantId, long estimateBps, long allocatedBps) {
}
