package org.opensfu.core.router;

/**
 * What a publisher's last RTCP sender report said (RFC 3550 §6.4.1): its NTP and RTP timestamps for one instant, and
 * when it arrived. Sender reports toward subscribers extrapolate from it, so receivers can keep lip sync.
 */
final class SenderReportInfo {
    private boolean received;
    private long ntpTimestamp;
    private long rtpTimestamp;
    private long arrivalNanos;

    void update(long ntpTimestamp, long rtpTimestamp, long arrivalNanos) {
        this.received = true;
        this.ntpTimestamp = ntpTimestamp;
        this.rtpTimestamp = rtpTimestamp & 0xFFFFFFFFL;
        this.arrivalNanos = arrivalNanos;
    }

    boolean received() {
        return received;
    }

    long ntpTimestamp() {
        return ntpTimestamp;
    }

    long rtpTimestamp() {
        return rtpTimestamp;
    }

    long arrivalNanos() {
        return arrivalNanos;
    }
}
