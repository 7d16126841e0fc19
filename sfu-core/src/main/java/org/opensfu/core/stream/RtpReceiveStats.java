package org.opensfu.core.stream;

import org.opensfu.core.rtcp.ReportBlock;

/**
 * Receive statistics of one incoming RTP stream, kept as RFC 3550 Appendix A prescribes: extended highest sequence
 * number with wrap cycles and probation (A.1), expected and lost packets and the fraction lost since the previous
 * report (A.3), interarrival jitter (A.8), and the LSR/DLSR echo of the sender's last SR (§6.4.1). It writes the
 * report block of a receiver report about the stream.
 *
 * <p>Confined to one thread. Times are in {@link org.opensfu.core.time.Clock#nowNanos()} nanoseconds.
 */
public final class RtpReceiveStats {
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;
    private static final int MIN_SEQUENTIAL = 2;
    private static final int SEQ_MOD = 1 << 16;

    private final int clockRateHz;

    // RFC 3550 A.1 source state
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq = SEQ_MOD + 1;
    private int probation = MIN_SEQUENTIAL;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private boolean initialized;

    // RFC 3550 A.8 jitter, in RTP timestamp units scaled by 16 as the appendix does
    private long lastTransitRtpUnits;
    private boolean haveTransit;
    private long jitterScaled;

    // last sender report
    private long lastSrCompactNtp;
    private long lastSrArrivalNanos;
    private boolean haveSr;

    private long bytesReceived;

    public RtpReceiveStats(int clockRateHz) {
        if (clockRateHz <= 0) {
            throw new IllegalArgumentException("clock rate must be positive");
        }
        this.clockRateHz = clockRateHz;
    }

    /**
     * Accounts for a received packet. Returns false for a packet judged not valid for the stream (during probation, or
     * a jump of more than 3000 that is not confirmed by the next packet), which the caller may drop.
     */
    public boolean onPacket(int sequenceNumber, long rtpTimestamp, long arrivalNanos, int sizeBytes) {
        boolean valid = updateSequence(sequenceNumber & 0xFFFF);
        if (valid) {
            bytesReceived += sizeBytes;
            updateJitter(rtpTimestamp, arrivalNanos);
        }
        return valid;
    }

    /** RFC 3550 A.1 {@code update_seq}. */
    private boolean updateSequence(int seq) {
        if (!initialized) {
            initSequence(seq);
            maxSeq = seq - 1;
            probation = MIN_SEQUENTIAL;
            initialized = true;
        }
        int delta = (seq - maxSeq) & 0xFFFF;
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xFFFF)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    initSequence(seq);
                    received++;
                    return true;
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = seq;
            }
            return false;
        } else if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD; // wrapped
            }
            maxSeq = seq;
        } else if (delta <= SEQ_MOD - MAX_MISORDER) {
            // a very large jump
            if (seq == badSeq) {
                initSequence(seq); // two sequential packets: the sender restarted
            } else {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
        }
        // else: duplicate or reordered packet
        received++;
        return true;
    }

    private void initSequence(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    /** RFC 3550 A.8: J(i) = J(i-1) + (|D(i-1,i)| - J(i-1)) / 16. */
    private void updateJitter(long rtpTimestamp, long arrivalNanos) {
        long arrivalRtpUnits = arrivalNanos / 1000 * clockRateHz / 1_000_000;
        long transit = arrivalRtpUnits - (rtpTimestamp & 0xFFFFFFFFL);
        if (haveTransit) {
            long d = Math.abs(transit - lastTransitRtpUnits);
            if (d < (1L << 31)) { // ignore a timestamp wrap
                jitterScaled += d - ((jitterScaled + 8) >> 4);
            }
        }
        lastTransitRtpUnits = transit;
        haveTransit = true;
    }

    /** Remembers the sender's last SR for the LSR/DLSR fields (RFC 3550 §6.4.1). */
    public void onSenderReport(long ntpTimestamp, long arrivalNanos) {
        lastSrCompactNtp = (ntpTimestamp >>> 16) & 0xFFFFFFFFL;
        lastSrArrivalNanos = arrivalNanos;
        haveSr = true;
    }

    public long extendedHighestSequenceNumber() {
        return cycles + maxSeq;
    }

    public long packetsReceived() {
        return received;
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    public long expectedPackets() {
        return initialized && probation == 0 ? extendedHighestSequenceNumber() - baseSeq + 1 : 0;
    }

    /** Cumulative packets lost (RFC 3550 A.3); negative with duplicates. */
    public long cumulativeLost() {
        return expectedPackets() - received;
    }

    /** Interarrival jitter in RTP timestamp units. */
    public long jitterRtpUnits() {
        return jitterScaled >> 4;
    }

    /** True once the stream has passed probation, i.e. a report block about it makes sense. */
    public boolean isReportable() {
        return initialized && probation == 0;
    }

    /**
     * Writes the 24-byte report block about this stream at {@code blockOffset} and starts a new fraction-lost interval.
     */
    public void writeReportBlock(byte[] dst, int blockOffset, int ssrc, long nowNanos) {
        long expected = expectedPackets();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        long lost = Math.max(ReportBlock.MIN_CUMULATIVE_LOST, Math.min(ReportBlock.MAX_CUMULATIVE_LOST,
                cumulativeLost()));
        long dlsr = 0;
        if (haveSr) {
            // delay since the last SR, in units of 1/65536 s
            dlsr = Math.min(0xFFFFFFFFL, ((nowNanos - lastSrArrivalNanos) << 16) / 1_000_000_000L);
        }
        ReportBlock.write(dst, blockOffset, ssrc, Math.min(255, fraction), (int) lost,
                extendedHighestSequenceNumber() & 0xFFFFFFFFL, jitterRtpUnits(), haveSr ? lastSrCompactNtp : 0, dlsr);
    }
}
