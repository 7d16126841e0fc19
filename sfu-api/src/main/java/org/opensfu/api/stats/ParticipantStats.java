package org.opensfu.api.stats;

import java.util.List;

/**
 * One participant's media connection as the SFU sees it.
 *
 * @param participantId          the participant
 * @param connected              whether its transport (ICE and DTLS) is up
 * @param estimatedBitrateBps    the send-side bandwidth estimate toward it (transport-cc), bits per second
 * @param allocatedBitrateBps    what the layer allocation gives its video now, bits per second
 * @param desiredBitrateBps      what its video would take at the best layers it allows, bits per second
 * @param rttMillis              round-trip time from transport-cc feedback, 0 before any
 * @param probes                 bandwidth probe clusters sent to it
 * @param nacksReceived          NACK packets it sent us
 * @param nacksSent              sequence numbers we asked it to resend (as a publisher)
 * @param retransmissionsReceived packets it resent after our NACKs
 * @param published              the tracks it publishes
 * @param received               the tracks it receives
 */
public record ParticipantStats(String participantId, boolean connected, long estimatedBitrateBps,
                               long allocatedBitrateBps, long desiredBitrateBps, long rttMillis, long probes,
                               long nacksReceived, long nacksSent, long retransmissionsReceived,
                               List<PublishedTrackStats> published, List<ReceivedTrackStats> received) {
    public ParticipantStats {
        published = published == null ? List.of() : List.copyOf(published);
        received = received == null ? List.of() : List.copyOf(received);
    }
}
