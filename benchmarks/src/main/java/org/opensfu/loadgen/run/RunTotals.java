package org.opensfu.loadgen.run;

/**
 * Whole-run counts, taken after every publisher stopped and every receiver settled its loss: what the consistency
 * check compares (packets the SFU forwarded = packets the receivers got + lost).
 *
 * @param publishedPackets  media packets the publishers sent (retransmissions excluded)
 * @param serverForwarded   the SFU's forwarded count over the run, -1 without metrics
 * @param receiverExpected  sequence numbers the receivers settled: what the SFU numbered for them
 * @param receiverReceived  of those, received (originals and repairs)
 * @param receiverLost      of those, never received
 * @param streams           streams received over the run, all receivers
 */
public record RunTotals(long publishedPackets, long serverForwarded, long receiverExpected, long receiverReceived,
                        long receiverLost, int streams) {
}
