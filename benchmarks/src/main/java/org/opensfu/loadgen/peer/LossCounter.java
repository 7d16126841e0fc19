package org.opensfu.loadgen.peer;

import java.util.Arrays;

/**
 * Loss after repair for one received stream: which extended sequence numbers never arrived, counted once a repair
 * window (retransmissions answering NACKs) has passed. A packet is <em>expected</em> when a later one has arrived;
 * {@link #tick} settles every number that was expected one window ago, counting it received or lost, and
 * {@link #flush} settles the rest (at the end of a run). A number that arrives after it was settled counts as
 * {@linkplain #lateAfterSettled() late}, not as received.
 *
 * <p>Fixed arrays, nothing allocated per packet; confined to the receiving peer's media loop. The stream's numbering
 * is the SFU's: it renumbers what it forwards (skipped simulcast or temporal layers leave no gaps), so every gap is a
 * packet the SFU sent and the receiver did not get.
 */
public final class LossCounter {
    /** Packets remembered: more than a window's worth at any realistic rate (8192 is 30 s of a 1.5 Mbit/s layer). */
    static final int WINDOW = 8192;
    private static final int MASK = WINDOW - 1;
    /** Checkpoints of (time, highest) taken at each tick: 256 ticks of 25 ms cover 6 s. */
    private static final int CHECKPOINTS = 256;

    private final long[] sequenceBySlot = new long[WINDOW];
    private final long[] checkpointNanos = new long[CHECKPOINTS];
    private final long[] checkpointHighest = new long[CHECKPOINTS];
    private int checkpointHead;
    private int checkpointCount;
    private boolean started;
    private long highest;
    /** Every number up to this one is settled. */
    private long settledUpTo;

    private long expected;
    private long received;
    private long lost;
    private long duplicates;
    private long late;

    public LossCounter() {
        Arrays.fill(sequenceBySlot, -1L);
    }

    /** A packet with extended sequence number {@code extendedSequence} arrived (original or repaired). */
    public void onPacket(long extendedSequence) {
        if (!started) {
            started = true;
            highest = extendedSequence;
            settledUpTo = extendedSequence - 1;
        }
        if (extendedSequence <= settledUpTo) {
            late++;
            return;
        }
        if (extendedSequence - settledUpTo > WINDOW) {
            settle(extendedSequence - WINDOW); // a jump larger than the window: settle what falls out of it
        }
        int slot = (int) (extendedSequence & MASK);
        if (sequenceBySlot[slot] == extendedSequence) {
            duplicates++;
            return;
        }
        sequenceBySlot[slot] = extendedSequence;
        if (extendedSequence > highest) {
            highest = extendedSequence;
        }
    }

    /** Settles what has been expected for at least {@code repairWindowNanos}; call every few tens of ms. */
    public void tick(long nowNanos, long repairWindowNanos) {
        if (!started) {
            return;
        }
        checkpointNanos[checkpointHead] = nowNanos;
        checkpointHighest[checkpointHead] = highest;
        checkpointHead = (checkpointHead + 1) % CHECKPOINTS;
        checkpointCount = Math.min(checkpointCount + 1, CHECKPOINTS);
        long settleTo = Long.MIN_VALUE;
        for (int i = 1; i <= checkpointCount; i++) {
            int c = Math.floorMod(checkpointHead - i, CHECKPOINTS);
            if (nowNanos - checkpointNanos[c] >= repairWindowNanos) {
                settleTo = checkpointHighest[c];
                break;
            }
        }
        if (settleTo != Long.MIN_VALUE) {
            settle(settleTo);
        }
    }

    /** Settles everything up to the highest number seen (end of a run: whatever is missing now is lost). */
    public void flush() {
        if (started) {
            settle(highest);
        }
    }

    private void settle(long upTo) {
        for (long s = settledUpTo + 1; s <= upTo; s++) {
            expected++;
            if (sequenceBySlot[(int) (s & MASK)] == s) {
                received++;
            } else {
                lost++;
            }
        }
        if (upTo > settledUpTo) {
            settledUpTo = upTo;
        }
    }

    /** Settled numbers: packets the sender numbered before the last settled point. */
    public long expected() {
        return expected;
    }

    /** Settled numbers that arrived in time. */
    public long received() {
        return received;
    }

    /** Settled numbers that never arrived within the repair window. */
    public long lost() {
        return lost;
    }

    /** Copies of a number already received (a retransmission that raced the original, or the network). */
    public long duplicates() {
        return duplicates;
    }

    /** Numbers that arrived after they had been counted lost. */
    public long lateAfterSettled() {
        return late;
    }

    /** The highest extended sequence number seen. */
    public long highestSequence() {
        return highest;
    }
}
