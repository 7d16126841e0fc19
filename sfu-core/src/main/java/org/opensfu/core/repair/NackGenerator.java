package org.opensfu.core.repair;

import org.opensfu.core.rtp.SequenceNumberUnwrapper;
import java.util.Arrays;

/**
 * The receive side of loss repair toward a publisher, for one producer layer: learns which packets are missing from the
 * sequence numbers that arrive, and says which ones to request with a generic NACK (RFC 4585 §6.2.1), when, and when
 * to give up.
 *
 * <ul>
 *   <li>A packet is missing when a higher number arrives first. Its first NACK waits for the policy's reorder
 *       tolerance, so that merely reordered packets are never requested.</li>
 *   <li>It is NACKed again every max(RTT, minimum interval), at most {@code maxRetries} times, and forgotten one
 *       interval after the last NACK, or when it has been missing for longer than the max age.</li>
 *   <li>A packet that arrives after all (late, or restored from an RTX packet, RFC 4588 §4) is no longer
 *       requested.</li>
 *   <li>A loss that would make the list longer than {@code maxMissing} clears it instead: so large a gap is better
 *       repaired by a keyframe, which {@link #keyframeNeeded()} then reports once.</li>
 * </ul>
 *
 * <p>Works on extended sequence numbers (see {@link SequenceNumberUnwrapper}) and emits their low 16 bits. Time is
 * passed in by the caller, so it runs in virtual time. Confined to one thread; the missing packets live in fixed
 * sorted arrays, nothing is allocated after construction.
 */
public final class NackGenerator {
    private final NackPolicy policy;
    // missing packets, sorted by number (ascending), in [0, count)
    private final long[] missingSeq;
    private final long[] detectedNanos;
    private final long[] lastNackNanos;
    private final int[] nackCount;
    private int count;

    private boolean started;
    private long highestExtSeq;
    private boolean keyframeNeeded;

    private long nacksSent;
    private long recoveredAfterNack;
    private long lateArrivals;
    private long givenUp;
    private long expired;
    private long overflows;

    public NackGenerator() {
        this(NackPolicy.DEFAULT);
    }

    public NackGenerator(NackPolicy policy) {
        this.policy = policy;
        int capacity = policy.maxMissing();
        this.missingSeq = new long[capacity];
        this.detectedNanos = new long[capacity];
        this.lastNackNanos = new long[capacity];
        this.nackCount = new int[capacity];
    }

    /**
     * A packet of the stream arrived (a media packet, or one restored from RTX) at {@code nowNanos}: a jump ahead
     * records the numbers skipped as missing, an older number is removed from the missing ones.
     */
    public void onPacket(long extendedSeq, long nowNanos) {
        if (!started) {
            started = true;
            highestExtSeq = extendedSeq;
            return;
        }
        if (extendedSeq > highestExtSeq) {
            long gap = extendedSeq - highestExtSeq - 1;
            if (gap > 0) {
                if (count + gap > policy.maxMissing()) {
                    dropOlderThan(nowNanos);
                }
                if (count + gap > policy.maxMissing()) {
                    overflows++;
                    count = 0;
                    keyframeNeeded = true;
                } else {
                    for (long seq = highestExtSeq + 1; seq < extendedSeq; seq++) {
                        append(seq, nowNanos);
                    }
                }
            }
            highestExtSeq = extendedSeq;
        } else if (extendedSeq < highestExtSeq) {
            int i = Arrays.binarySearch(missingSeq, 0, count, extendedSeq);
            if (i >= 0) {
                if (nackCount[i] > 0) {
                    recoveredAfterNack++;
                } else {
                    lateArrivals++;
                }
                remove(i);
            }
        }
    }

    private void append(long seq, long nowNanos) {
        missingSeq[count] = seq;
        detectedNanos[count] = nowNanos;
        lastNackNanos[count] = 0;
        nackCount[count] = 0;
        count++;
    }

    private void remove(int i) {
        int tail = count - i - 1;
        System.arraycopy(missingSeq, i + 1, missingSeq, i, tail);
        System.arraycopy(detectedNanos, i + 1, detectedNanos, i, tail);
        System.arraycopy(lastNackNanos, i + 1, lastNackNanos, i, tail);
        System.arraycopy(nackCount, i + 1, nackCount, i, tail);
        count--;
    }

    /** Forgets the packets missing for longer than the max age (the oldest come first: detection follows numbering). */
    private void dropOlderThan(long nowNanos) {
        int first = 0;
        while (first < count && nowNanos - detectedNanos[first] > policy.maxAgeNanos()) {
            first++;
        }
        if (first > 0) {
            expired += first;
            int rest = count - first;
            System.arraycopy(missingSeq, first, missingSeq, 0, rest);
            System.arraycopy(detectedNanos, first, detectedNanos, 0, rest);
            System.arraycopy(lastNackNanos, first, lastNackNanos, 0, rest);
            System.arraycopy(nackCount, first, nackCount, 0, rest);
            count = rest;
        }
    }

    /**
     * Writes into {@code out} the 16-bit sequence numbers to NACK now, oldest first, and returns how many (at most
     * {@code out.length}; the rest stay due for the next call). Each one written counts as NACKed at {@code nowNanos}.
     * Packets missing for longer than the max age, or NACKed {@code maxRetries} times at least one retry interval
     * ago, are forgotten on the way.
     *
     * @param rttNanos the round-trip time to the publisher, 0 or less when unknown
     */
    public int collectNacks(long nowNanos, long rttNanos, int[] out) {
        long retryIntervalNanos = policy.retryIntervalNanos(rttNanos);
        int written = 0;
        int kept = 0;
        for (int r = 0; r < count; r++) {
            if (nowNanos - detectedNanos[r] > policy.maxAgeNanos()) {
                expired++;
                continue;
            }
            int sent = nackCount[r];
            if (sent >= policy.maxRetries() && nowNanos - lastNackNanos[r] >= retryIntervalNanos) {
                givenUp++;
                continue;
            }
            if (kept != r) {
                missingSeq[kept] = missingSeq[r];
                detectedNanos[kept] = detectedNanos[r];
                lastNackNanos[kept] = lastNackNanos[r];
                nackCount[kept] = sent;
            }
            boolean due = sent == 0
                    ? nowNanos - detectedNanos[kept] >= policy.reorderToleranceNanos()
                    : sent < policy.maxRetries() && nowNanos - lastNackNanos[kept] >= retryIntervalNanos;
            if (due && written < out.length) {
                out[written++] = (int) (missingSeq[kept] & 0xFFFF);
                lastNackNanos[kept] = nowNanos;
                nackCount[kept] = sent + 1;
                nacksSent++;
            }
            kept++;
        }
        count = kept;
        return written;
    }

    /** True once after a loss too large to repair by NACKs (the missing list was cleared): ask for a keyframe. */
    public boolean keyframeNeeded() {
        boolean needed = keyframeNeeded;
        keyframeNeeded = false;
        return needed;
    }

    /** Forgets everything (e.g. when the stream's SSRC changes). Counters are kept. */
    public void reset() {
        started = false;
        count = 0;
        keyframeNeeded = false;
    }

    /** Packets missing now (including those not yet due for a NACK). */
    public int missingCount() {
        return count;
    }

    /** Sequence numbers NACKed so far, retries included. */
    public long nacksSent() {
        return nacksSent;
    }

    /** Missing packets that arrived after being NACKed (most likely retransmitted). */
    public long recoveredAfterNack() {
        return recoveredAfterNack;
    }

    /** Missing packets that arrived before their first NACK: reordered within the tolerance. */
    public long lateArrivals() {
        return lateArrivals;
    }

    /** Missing packets forgotten after the last retry. */
    public long givenUp() {
        return givenUp;
    }

    /** Missing packets forgotten because they were too old. */
    public long expired() {
        return expired;
    }

    /** Losses that cleared the list and asked for a keyframe. */
    public long overflows() {
        return overflows;
    }
}
