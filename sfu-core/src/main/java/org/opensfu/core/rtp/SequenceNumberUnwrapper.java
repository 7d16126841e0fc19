package org.opensfu.core.rtp;

/**
 * Turns 16-bit RTP sequence numbers (RFC 3550 §5.1) into monotonic 64-bit ones, so that a stream's packets can be
 * ordered and indexed across the wrap from 65535 to 0.
 *
 * <p>Each number is read as the 64-bit value nearest to the highest one seen so far (from 2^15 before it to
 * 2^15 - 1 after it), the interpretation of RFC 3550 Appendix A.1: a packet from just before the wrap that arrives
 * just after it stays in the old cycle, and one from just after the wrap starts a new cycle. The first number is
 * placed in cycle 1 (it maps to {@code 65536 + seq}), so that packets reordered before it still get positive values;
 * these values are keys for the repair components, not the "extended highest sequence number" of RTCP reports, whose
 * cycles start at 0.
 *
 * <p>Confined to one thread; allocation-free.
 */
public final class SequenceNumberUnwrapper {
    private static final long CYCLE = 1L << 16;
    private static final long HALF_CYCLE = 1L << 15;

    private boolean started;
    private long highestExtendedSeq;

    /** Extends {@code sequenceNumber} (only the low 16 bits are used) and remembers it if it is the highest yet. */
    public long unwrap(int sequenceNumber) {
        long extended = peek(sequenceNumber);
        if (!started || extended > highestExtendedSeq) {
            started = true;
            highestExtendedSeq = extended;
        }
        return extended;
    }

    /** What {@link #unwrap} would return, without remembering anything. */
    public long peek(int sequenceNumber) {
        int seq = sequenceNumber & 0xFFFF;
        if (!started) {
            return CYCLE + seq;
        }
        return nearest(highestExtendedSeq, seq);
    }

    /**
     * The 64-bit value whose low 16 bits are {@code sequenceNumber} and which lies nearest to {@code referenceExtSeq}
     * (a number exactly 2^15 away is taken as the older one). Usable on its own, e.g. to extend a NACKed number
     * near a known packet.
     */
    public static long nearest(long referenceExtSeq, int sequenceNumber) {
        long candidate = (referenceExtSeq & ~(CYCLE - 1)) | (sequenceNumber & 0xFFFF);
        long diff = candidate - referenceExtSeq;
        if (diff < -HALF_CYCLE) {
            candidate += CYCLE;
        } else if (diff >= HALF_CYCLE) {
            candidate -= CYCLE;
        }
        return candidate;
    }

    /** True once a number has been unwrapped. */
    public boolean started() {
        return started;
    }

    /** The highest value returned so far; meaningless before {@link #started()}. */
    public long highestExtendedSeq() {
        return highestExtendedSeq;
    }

    /** Forgets everything (e.g. when the stream's SSRC changes). */
    public void reset() {
        started = false;
        highestExtendedSeq = 0;
    }
}
