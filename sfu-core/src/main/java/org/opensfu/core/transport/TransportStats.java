package org.opensfu.core.transport;

import java.util.Map;
import org.opensfu.core.srtp.SrtpProfile;
import org.opensfu.core.stats.DropReason;

/** A snapshot of one transport's counters. Bytes are counted on the wire (encrypted). */
public record TransportStats(TransportState state, SrtpProfile srtpProfile, long rtpPacketsReceived,
                             long rtcpPacketsReceived, long bytesReceived, long rtpPacketsSent, long rtcpPacketsSent,
                             long bytesSent, long sendFailures, Map<DropReason, Long> drops) {
    public TransportStats {
        drops = Map.copyOf(drops);
    }

    public long dropped(DropReason reason) {
        return drops.getOrDefault(reason, 0L);
    }
}
