package org.opensfu.loadgen.run;

import org.opensfu.loadgen.peer.StreamReport;

/**
 * Whole-run counts, taken after every publisher stopped and every receiver settled its loss: what the consistency
 * check compares.
 *
 * <ul>
 *   <li>packets the SFU forwarded = packets the receivers settled ({@code receiverExpected}) = received + lost;</li>
 *   <li>for audio, which an SFU forwards packet for packet (unless it skips silence), the packets the publishers sent
 *       while each receiver listened ({@code audioSourcePackets}: for every received audio stream, the span of the
 *       publisher's packet indexes from the first to the last one received, i.e. published × fan-out) = the audio
 *       packets the receivers settled ({@code audioExpected}) = received + lost.</li>
 * </ul>
 *
 * @param publishedPackets   media packets the publishers sent (retransmissions excluded)
 * @param serverForwarded    the SFU's forwarded count over the run, -1 without metrics
 * @param receiverExpected   sequence numbers the receivers settled: what the SFU numbered for them
 * @param receiverReceived   of those, received (originals and repairs)
 * @param receiverLost       of those, never received
 * @param streams            streams received over the run, all receivers
 * @param audioSourcePackets publisher packets spanned by the received audio streams (see above)
 * @param audioExpected      audio sequence numbers the receivers settled
 * @param audioReceived      of those, received
 * @param audioLost          of those, never received
 * @param videoStreamsWithoutKeyframe received video streams on which no VP8 key frame ever arrived
 * @param audioStreamsWithoutPackets  received audio streams on which no packet ever arrived (left out of the audio
 *                                    figures above, so the consistency check must see them here)
 */
public record RunTotals(long publishedPackets, long serverForwarded, long receiverExpected, long receiverReceived,
                        long receiverLost, int streams, long audioSourcePackets, long audioExpected,
                        long audioReceived, long audioLost, int videoStreamsWithoutKeyframe,
                        int audioStreamsWithoutPackets) {

    /** Adds up the receivers' stream reports. */
    static RunTotals of(long publishedPackets, long serverForwarded,
                        Iterable<StreamReport> reports) {
        long expected = 0;
        long received = 0;
        long lost = 0;
        long audioSpan = 0;
        long audioExpected = 0;
        long audioReceived = 0;
        long audioLost = 0;
        int streams = 0;
        int videoWithoutKeyframe = 0;
        int audioWithoutPackets = 0;
        for (StreamReport stream : reports) {
            streams++;
            expected += stream.expected();
            received += stream.received();
            lost += stream.lost();
            if (stream.info().video()) {
                if (!stream.keyframeSeen()) {
                    videoWithoutKeyframe++;
                }
            } else if (stream.firstSourceIndex() < 0) {
                audioWithoutPackets++;
            } else {
                audioSpan += (long) stream.lastSourceIndex() - stream.firstSourceIndex() + 1;
                audioExpected += stream.expected();
                audioReceived += stream.received();
                audioLost += stream.lost();
            }
        }
        return new RunTotals(publishedPackets, serverForwarded, expected, received, lost, streams, audioSpan,
                audioExpected, audioReceived, audioLost, videoWithoutKeyframe, audioWithoutPackets);
    }
}
