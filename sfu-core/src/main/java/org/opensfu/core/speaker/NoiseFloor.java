package org.opensfu.core.speaker;

import java.util.Arrays;

/**
 * The background level of one speaker: the quietest audio level it sent over the last few seconds, kept as the
 * quietest level of each one-second bucket in a small ring. A packet counts as speech only if it stands well above
 * its sender's background, so that a participant with a constantly noisy microphone (a fan, a hum) does not look
 * like a talker. The quietest level is a fair estimate of the background because speech has pauses (between words,
 * for breath) and a constant noise has none.
 *
 * <p>Until a whole window of packets has been seen (a speaker who starts talking at once has not shown its
 * background yet) the floor is at least an assumed quiet background, {@code priorFloorDbov}: the speaker's first
 * words count, and a noise present from the start counts as weak activity for one window at most.
 *
 * <p>Buckets age with the speaker's own packets: when it stops sending, the last floor is kept, and when it resumes
 * after more than the window every old bucket is cleared (and the prior applies again). Nothing is allocated after
 * construction.
 */
final class NoiseFloor {
    /** Granularity of the window: one bucket per second. */
    static final long BUCKET_NANOS = 1_000_000_000L;
    private static final int NO_DATA = -1;

    private final int[] quietestDbov;
    private final int priorFloorDbov;
    private long newestBucket;
    private long firstBucket;
    private boolean started;

    /**
     * A floor over the last {@code windowMillis} (rounded up to whole seconds, at least one), assumed at least
     * {@code priorFloorDbov} until a whole window has been seen.
     */
    NoiseFloor(long windowMillis, int priorFloorDbov) {
        int buckets = (int) Math.max(1, (windowMillis + 999) / 1000);
        this.quietestDbov = new int[buckets];
        this.priorFloorDbov = priorFloorDbov;
    }

    /** Records one packet's level (0..127 -dBov) at {@code nowNanos}. */
    void record(int levelDbov, long nowNanos) {
        long bucket = Math.floorDiv(nowNanos, BUCKET_NANOS);
        int length = quietestDbov.length;
        if (!started) {
            Arrays.fill(quietestDbov, NO_DATA);
            newestBucket = bucket;
            firstBucket = bucket;
            started = true;
        } else if (bucket > newestBucket) {
            long cleared = Math.min(bucket - newestBucket, length);
            if (cleared == length) {
                firstBucket = bucket;
            }
            for (long k = 1; k <= cleared; k++) {
                quietestDbov[(int) Math.floorMod(newestBucket + k, (long) length)] = NO_DATA;
            }
            newestBucket = bucket;
        } else if (bucket <= newestBucket - length) {
            bucket = newestBucket; // older than the window (time went backwards): count it as now
        }
        int slot = (int) Math.floorMod(bucket, (long) length);
        if (levelDbov > quietestDbov[slot]) {
            quietestDbov[slot] = levelDbov;
        }
    }

    /** The quietest level (-dBov) seen in the window (or the prior, see class doc), or -1 before the first packet. */
    int floorDbov() {
        if (!started) {
            return NO_DATA;
        }
        int floor = newestBucket - firstBucket < quietestDbov.length ? priorFloorDbov : NO_DATA;
        for (int quietest : quietestDbov) {
            if (quietest > floor) {
                floor = quietest;
            }
        }
        return floor;
    }
}
