package org.opensfu.api.stats;

/**
 * Round-trip time between the SFU and one participant, measured from the RTCP receiver reports the participant sends
 * about the streams the SFU sends it (RFC 3550 §6.4.1: arrival − LSR − DLSR). All -1 until the first sample.
 *
 * @param latestMicros   the last sample, microseconds
 * @param smoothedMicros the smoothed value (gain 1/8), microseconds
 * @param minMicros      the smallest sample, microseconds
 * @param samples        how many report blocks gave a sample
 */
public record RoundTripStats(long latestMicros, long smoothedMicros, long minMicros, long samples) {
}
