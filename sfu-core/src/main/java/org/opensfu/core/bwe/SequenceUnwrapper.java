package org.opensfu.core.bwe;

/**
 * Extends wrapping counters (16-bit transport-wide sequence numbers, the 24-bit reference time of transport-cc
 * feedback) to a {@code long} that keeps counting across wraps. Each value is taken to be the one nearest to the
 * previous one: a step of less than half the range forwards or backwards.
 */
public final class SequenceUnwrapper {
    private final long modulus;
    private final long mask;
    private final long half;
    private boolean started;
    private long last;

    /** An unwrapper for {@code bits}-bit counters, 1 to 62. */
    public SequenceUnwrapper(int bits) {
        if (bits < 1 || bits > 62) {
            throw new IllegalArgumentException("bits out of 1..62: " + bits);
        }
        modulus = 1L << bits;
        mask = modulus - 1;
        half = modulus >>> 1;
    }

    /** An unwrapper for 16-bit sequence numbers. */
    public static SequenceUnwrapper sixteenBit() {
        return new SequenceUnwrapper(16);
    }

    /** The unwrapped value of {@code value} (its low bits are used), which becomes the reference for the next call. */
    public long unwrap(long value) {
        if (!started) {
            started = true;
            last = value & mask;
            return last;
        }
        last = nearest(last, value);
        return last;
    }

    /** What {@link #unwrap} would return, without moving the reference; the raw value before the first unwrap. */
    public long peek(long value) {
        return started ? nearest(last, value) : value & mask;
    }

    /** The last unwrapped value (0 before the first). */
    public long last() {
        return last;
    }

    /** Forgets the reference: the next value is taken as it is. */
    public void reset() {
        started = false;
        last = 0;
    }

    /** The number congruent to {@code value} modulo 2^bits that is nearest to {@code reference}. */
    public long nearest(long reference, long value) {
        long diff = (value - reference) & mask;
        if (diff >= half) {
            diff -= modulus;
        }
        return reference + diff;
    }
}
