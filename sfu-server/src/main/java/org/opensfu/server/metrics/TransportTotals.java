package org.opensfu.server.metrics;

import org.opensfu.core.stats.DropReason;
import org.opensfu.core.transport.CloseReason;
import org.opensfu.core.transport.TransportStats;

/**
 * Counters summed over transports: packets and bytes (on the wire, encrypted) each way, send failures, drops by
 * {@link DropReason} and closed transports by {@link CloseReason}. Mutable while being summed; {@link #copy} for a
 * snapshot.
 */
public final class TransportTotals {
    long rtpPacketsReceived;
    long rtcpPacketsReceived;
    long bytesReceived;
    long rtpPacketsSent;
    long rtcpPacketsSent;
    long bytesSent;
    long sendFailures;
    final long[] drops = new long[DropReason.values().length];
    final long[] closed = new long[CloseReason.values().length];

    void add(TransportStats stats) {
        rtpPacketsReceived += stats.rtpPacketsReceived();
        rtcpPacketsReceived += stats.rtcpPacketsReceived();
        bytesReceived += stats.bytesReceived();
        rtpPacketsSent += stats.rtpPacketsSent();
        rtcpPacketsSent += stats.rtcpPacketsSent();
        bytesSent += stats.bytesSent();
        sendFailures += stats.sendFailures();
        stats.drops().forEach((reason, count) -> drops[reason.ordinal()] += count);
    }

    void add(TransportTotals other) {
        rtpPacketsReceived += other.rtpPacketsReceived;
        rtcpPacketsReceived += other.rtcpPacketsReceived;
        bytesReceived += other.bytesReceived;
        rtpPacketsSent += other.rtpPacketsSent;
        rtcpPacketsSent += other.rtcpPacketsSent;
        bytesSent += other.bytesSent;
        sendFailures += other.sendFailures;
        for (int i = 0; i < drops.length; i++) {
            drops[i] += other.drops[i];
        }
        for (int i = 0; i < closed.length; i++) {
            closed[i] += other.closed[i];
        }
    }

    TransportTotals copy() {
        TransportTotals copy = new TransportTotals();
        copy.add(this);
        return copy;
    }

    public long rtpPacketsReceived() {
        return rtpPacketsReceived;
    }

    public long rtcpPacketsReceived() {
        return rtcpPacketsReceived;
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    public long rtpPacketsSent() {
        return rtpPacketsSent;
    }

    public long rtcpPacketsSent() {
        return rtcpPacketsSent;
    }

    public long bytesSent() {
        return bytesSent;
    }

    public long sendFailures() {
        return sendFailures;
    }

    /** RTP and RTCP packets, received plus sent: the packet load. */
    public long packets() {
        return rtpPacketsReceived + rtcpPacketsReceived + rtpPacketsSent + rtcpPacketsSent;
    }

    public long dropped(DropReason reason) {
        return drops[reason.ordinal()];
    }

    public long closed(CloseReason reason) {
        return closed[reason.ordinal()];
    }

    /** Packets dropped because SRTP or SRTCP could not be unprotected (authentication, replay, crypto). */
    public long srtpFailures() {
        return dropped(DropReason.SRTP_AUTH_FAILED) + dropped(DropReason.SRTP_REPLAYED)
                + dropped(DropReason.SRTP_INVALID) + dropped(DropReason.SRTP_SSRC_LIMIT)
                + dropped(DropReason.SRTP_CRYPTO_ERROR);
    }
}
