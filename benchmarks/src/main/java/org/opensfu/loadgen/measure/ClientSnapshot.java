package org.opensfu.loadgen.measure;

/** The counters of {@link ClientMetrics} at one instant; {@link #minus} gives what happened in between. */
public record ClientSnapshot(long atNanos, long mediaPacketsReceived, long audioPacketsReceived,
                            long mediaBytesReceived, long retransmissionsReceived, long paddingReceived,
                            long packetsExpected, long packetsLost, long duplicates, long unknownSsrc,
                            long keyframesReceived, long nacksSent, long plisSent, long mediaPacketsSent,
                            long retransmissionsSent, long keyframeRequestsReceived, long nacksReceived, long joins,
                            long joinFailures) {

    public ClientSnapshot minus(ClientSnapshot earlier) {
        return new ClientSnapshot(atNanos - earlier.atNanos, mediaPacketsReceived - earlier.mediaPacketsReceived,
                audioPacketsReceived - earlier.audioPacketsReceived, mediaBytesReceived - earlier.mediaBytesReceived,
                retransmissionsReceived - earlier.retransmissionsReceived, paddingReceived - earlier.paddingReceived,
                packetsExpected - earlier.packetsExpected, packetsLost - earlier.packetsLost,
                duplicates - earlier.duplicates, unknownSsrc - earlier.unknownSsrc,
                keyframesReceived - earlier.keyframesReceived, nacksSent - earlier.nacksSent,
                plisSent - earlier.plisSent, mediaPacketsSent - earlier.mediaPacketsSent,
                retransmissionsSent - earlier.retransmissionsSent,
                keyframeRequestsReceived - earlier.keyframeRequestsReceived, nacksReceived - earlier.nacksReceived,
                joins - earlier.joins, joinFailures - earlier.joinFailures);
    }

    /** For a difference: its length in seconds. */
    public double seconds() {
        return atNanos / 1e9;
    }
}
