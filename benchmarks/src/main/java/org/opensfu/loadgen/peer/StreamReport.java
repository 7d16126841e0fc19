package org.opensfu.loadgen.peer;

/**
 * What one receiver counted on one stream.
 *
 * @param packets           distinct media packets received (originals and repaired)
 * @param retransmissions   RTX packets received (repairs, duplicates included)
 * @param expected          settled sequence numbers (everything the SFU numbered, once flushed)
 * @param received          settled numbers that arrived
 * @param lost              settled numbers that never arrived within the repair window
 * @param duplicates        copies of numbers already received
 * @param late              numbers that arrived after being counted lost
 * @param firstSourceIndex  the publisher's packet index of the first stamped packet received, -1 if none
 * @param lastSourceIndex   the highest publisher packet index received, -1 if none
 * @param keyframeSeen      whether a VP8 key frame arrived (video)
 */
public record StreamReport(StreamInfo info, long packets, long retransmissions, long expected, long received,
                           long lost, long duplicates, long late, int firstSourceIndex, int lastSourceIndex,
                           boolean keyframeSeen) {
}
