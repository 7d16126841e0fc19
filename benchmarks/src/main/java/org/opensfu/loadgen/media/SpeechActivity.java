package org.opensfu.loadgen.media;

import java.util.SplittableRandom;

/**
 * A synthetic talker for RFC 6464 audio levels: talk spurts of 1-5 s at 20-45 -dBov alternate with pauses of 1-6 s
 * near the noise floor (85-100 -dBov), so a dominant-speaker detector sees speakers change. Confined to one thread.
 */
public final class SpeechActivity {
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final SplittableRandom random;
    private boolean talking;
    private long switchAtNanos;
    private int baseLevelDbov;

    public SpeechActivity(SplittableRandom random, long nowNanos) {
        this.random = random;
        this.talking = random.nextBoolean();
        this.switchAtNanos = nowNanos + random.nextLong(SECOND_NANOS, 4 * SECOND_NANOS);
        this.baseLevelDbov = talking ? 30 : 92;
    }

    /** Advances to {@code nowNanos}. */
    public void advance(long nowNanos) {
        if (nowNanos - switchAtNanos >= 0) {
            talking = !talking;
            switchAtNanos = nowNanos + (talking ? random.nextLong(SECOND_NANOS, 5 * SECOND_NANOS)
                    : random.nextLong(SECOND_NANOS, 6 * SECOND_NANOS));
            baseLevelDbov = talking ? random.nextInt(20, 36) : random.nextInt(85, 96);
        }
    }

    /** The level of the next 20 ms packet, 0..127 -dBov (lower is louder), with a little variation. */
    public int levelDbov() {
        return Math.min(127, Math.max(0, baseLevelDbov + random.nextInt(-4, 5) + (talking ? 0 : 4)));
    }

    public boolean talking() {
        return talking;
    }
}
