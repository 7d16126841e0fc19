package org.opensfu.core.forward;

/**
 * Projects a wrapping source counter (a 16-bit RTP sequence number, RFC 3550 §5.1, or a 7/15-bit VP8 picture ID,
 * RFC 7741 §4.2) onto an output counter that has no holes for what was deliberately not forwarded.
 *
 * <p>Source values are unwrapped to 64-bit "extended" values relative to the highest one seen. Each value in a
 * window below the highest has a slot:
 * <ul>
 * <li>{@link #RESERVED}: not seen yet, an output number is held for it (a gap in the output, so a receiver sees the
 * loss and can ask for it; the value gets that number if it arrives late and is forwarded);</li>
 * <li>{@link #SENT}: seen and forwarded with its output number (a second copy is a duplicate);</li>
 * <li>{@link #EXCLUDED}: not forwarded and given no number (a dropped frame, padding), so it leaves no gap;</li>
 * <li>{@link #VACATED}: held a number, then turned out not to be forwarded: the number stays unused (a gap) unless
 * nothing after it got a number yet, in which case it is given back.</li>
 * </ul>
 * Output numbers are handed out in source order: advancing to a new highest value first gives numbers to the values
 * skipped over (unless the caller knows they will all be dropped), then to the new one if it is forwarded.
 *
 * <p>Allocation-free after construction; confined to one thread.
 */
final class NumberProjection {
    /** Slot state: an output number is held for a value not seen yet. */
    static final int RESERVED = 1;
    /** Slot state: forwarded with its output number. */
    static final int SENT = 2;
    /** Slot state: not forwarded, no output number. */
    static final int EXCLUDED = 3;
    /** Slot state: not forwarded, its number unused. */
    static final int VACATED = 4;
    /** Not a slot state: the value is outside the window, before the start, or above the highest. */
    static final int OUTSIDE = 0;

    private final int[] outputs;
    private final byte[] states;
    private final int ringMask;
    private int bits;
    private int window;
    private boolean started;
    private long startExt;
    private long highestExt;
    private long nextOutput;

    /** @param ringSize slots kept, a power of two; the largest window {@link #start} may ask for */
    NumberProjection(int ringSize) {
        if (Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ring size must be a power of two");
        }
        outputs = new int[ringSize];
        states = new byte[ringSize];
        ringMask = ringSize - 1;
    }

    /** Forgets everything; {@link #started()} becomes false. */
    void reset() {
        started = false;
    }

    /**
     * Starts projecting {@code bits}-bit source values; the first value will be {@code first}, the first output
     * number {@code firstOutput}. Values up to {@code window} below the highest stay placeable.
     */
    void start(int bits, int window, int first, long firstOutput) {
        this.bits = bits;
        this.window = Math.min(Math.min(window, ringMask + 1), 1 << (bits - 2));
        this.startExt = first & mask();
        this.highestExt = startExt - 1;
        this.nextOutput = firstOutput;
        this.started = true;
    }

    boolean started() {
        return started;
    }

    /** Width of the source values, e.g. 16 for sequence numbers. */
    int bits() {
        return bits;
    }

    long mask() {
        return (1L << bits) - 1;
    }

    /** The extended value of the first source value. */
    long startExt() {
        return startExt;
    }

    /** The highest extended source value seen. */
    long highestExt() {
        return highestExt;
    }

    /** The output number the next forwarded or reserved value will get (extended, not wrapped). */
    long nextOutput() {
        return nextOutput;
    }

    /** How far below the highest value a value stays placeable. */
    int window() {
        return window;
    }

    /** The extended value of source value {@code raw}: the one nearest the highest seen. */
    long unwrap(int raw) {
        int shift = 64 - bits;
        long diff = ((raw - highestExt) << shift) >> shift; // signed distance modulo 2^bits
        return highestExt + diff;
    }

    /**
     * Makes {@code ext} (above {@link #highestExt()}) the new highest value. The values skipped over get output
     * numbers unless {@code skippedExcluded}; {@code ext} itself gets the next one if {@code forwarded}.
     *
     * @return the output number of {@code ext} (extended), or -1 when not forwarded
     */
    long advance(long ext, boolean skippedExcluded, boolean forwarded) {
        long skipped = ext - highestExt - 1;
        long firstSlot = Math.max(highestExt + 1, ext - window + 1);
        for (long v = firstSlot; v < ext; v++) {
            int i = (int) v & ringMask;
            if (skippedExcluded) {
                states[i] = EXCLUDED;
            } else {
                states[i] = RESERVED;
                outputs[i] = (int) (nextOutput + (v - highestExt - 1));
            }
        }
        if (!skippedExcluded) {
            nextOutput += skipped;
        }
        highestExt = ext;
        int i = (int) ext & ringMask;
        if (!forwarded) {
            states[i] = EXCLUDED;
            return -1;
        }
        states[i] = SENT;
        outputs[i] = (int) nextOutput;
        return nextOutput++;
    }

    /** The slot state of {@code ext}, or {@link #OUTSIDE}. */
    int state(long ext) {
        if (!started || ext > highestExt || ext < startExt || ext <= highestExt - window) {
            return OUTSIDE;
        }
        return states[(int) ext & ringMask];
    }

    /** The output number of a {@link #SENT} or {@link #RESERVED} slot, low 32 bits. */
    int output(long ext) {
        return outputs[(int) ext & ringMask];
    }

    /** Marks a {@link #RESERVED} slot {@link #SENT} and returns its output number, low 32 bits. */
    int claim(long ext) {
        int i = (int) ext & ringMask;
        states[i] = SENT;
        return outputs[i];
    }

    /**
     * Marks a {@link #RESERVED} slot {@link #VACATED}, then gives back the numbers of vacated slots at the top: as
     * long as no value after them has a number, no receiver can have seen the gap they would leave.
     */
    void vacate(long ext) {
        states[(int) ext & ringMask] = VACATED;
        for (long v = highestExt; v >= startExt && v > highestExt - window; v--) {
            int i = (int) v & ringMask;
            if (states[i] == EXCLUDED) {
                continue;
            }
            if (states[i] != VACATED || outputs[i] != (int) (nextOutput - 1)) {
                return;
            }
            states[i] = EXCLUDED;
            nextOutput--;
        }
    }
}
