package org.opensfu.core.stream;

/**
 * What we sent on one outgoing RTP stream, for its RTCP sender reports (RFC 3550 §6.4.1): packet and payload octet
 * counts, and the RTP timestamp and time of the last packet, from which the SR's RTP timestamp is extrapolated.
 * Confined to one thread.
 */
public final class RtpSendStats {
    private long packetsSent;
    private long payloadOctetsSent;
    private long lastRtpTimestamp;
    private long lastSentNanos;
    private boolean sentAny;

    public void onSent(long rtpTimestamp, int payloadLength, long nowNanos) {
        packetsSent++;
        payloadOctetsSent += payloadLength;
        lastRtpTimestamp = rtpTimestamp & 0xFFFFFFFFL;
        lastSentNanos = nowNanos;
        sentAny = true;
    }

    public boolean hasSent() {
        return sentAny;
    }

    public long packetsSent() {
        return packetsSent;
    }

    public long payloadOctetsSent() {
        return payloadOctetsSent;
    }

    public long lastRtpTimestamp() {
        return lastRtpTimestamp;
    }

    public long lastSentNanos() {
        return lastSentNanos;
    }
}
