package org.opensfu.api.stats;

import java.util.List;

/**
 * One participant's media connection as the SFU sees it.
 *
 * @param participantId           the participant
 * @param connected               whether its transport (ICE and DTLS) is up
 * @param bandwidth               the estimate toward it and its allocation
 * @param roundTrip               round-trip time to it from its RTCP reports
 * @param nacksReceived           NACK packets it sent us
 * @param nacksSent               sequence numbers we asked it to resend (as a publisher)
 * @param retransmissionsReceived packets it resent after our NACKs
 * @param published               the tracks it publishes
 * @param received                the tracks it receives
 */
public record ParticipantStats(String participantId, boolean connected, BandwidthStats bandwidth,
                               RoundTripStats roundTrip,
                               long nacksReceived, long nacksSent, long retransmissionsReceived,
                               List<PublishedTrackStats> published, List<ReceivedTrackStats> received) {
    public ParticipantStats {
        published = published == null ? List.of() : List.copyOf(published);
        received = received == null ? List.of() : List.copyOf(received);
    }
}
