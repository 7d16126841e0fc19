package org.opensfu.api.stats;

/**
 * What the SFU estimates it can send one participant, and what it sends: the send-side bandwidth estimate from the
 * participant's transport-cc feedback and how it is shared among its video tracks.
 *
 * @param estimatedBitrateBps    the estimate: the lower of the delay-based and the loss-based figure, bits per second
 * @param delayBasedBitrateBps   the delay-based estimate (queueing delay trend), bits per second
 * @param lossBasedBitrateBps    the loss-based bound, bits per second; -1 when loss imposes none
 * @param acknowledgedBitrateBps what the participant reports having received lately, bits per second
 * @param lossFraction           share of packets lost in the last loss window, 0 to 1
 * @param rttMillis              round-trip time from the feedback, 0 before any
 * @param allocatedBitrateBps    what the layer allocation gives its video now, bits per second
 * @param desiredBitrateBps      what its video would take at the best layers it allows, bits per second
 * @param probes                 probe clusters sent to find more bandwidth
 */
public record BandwidthStats(long estimatedBitrateBps, long delayBasedBitrateBps, long lossBasedBitrateBps,
                             long acknowledgedBitrateBps, double lossFraction, long rttMillis,
                             long allocatedBitrateBps, long desiredBitrateBps, long probes) {
}
