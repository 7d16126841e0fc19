package org.opensfu.core.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A histogram of durations, such as the SFU transit time of a packet (received to forwarded), with one writer thread
 * (a media loop) and any number of readers.
 *
 * <p>The buckets are fixed and exponential: four per decade from 10 µs to 1 s ({@link #UPPER_BOUNDS_NANOS}, 21
 * bounds), plus an overflow bucket for anything longer. {@link #record} takes no lock, allocates nothing and costs a
 * few comparisons and three opaque stores, like {@link Counter}. {@link #snapshot} may run on any thread: it sees every
 * value recorded before the writer's last store reached it, and its total count is always the sum of its buckets.
 */
public final class LatencyHistogram {
    /** Inclusive upper bounds of the buckets, in nanoseconds: 10 µs × 10^(i/4), i = 0..20, so 10 µs to 1 s. */
    public static final long[] UPPER_BOUNDS_NANOS = bounds();
    /** Buckets, the last being the overflow (longer than 1 s). */
    public static final int BUCKETS = UPPER_BOUNDS_NANOS.length + 1;

    private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle SUM;

    static {
        try {
            SUM = MethodHandles.lookup().findVarHandle(LatencyHistogram.class, "sumNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long[] counts = new long[BUCKETS];
    @SuppressWarnings("unused") // accessed through SUM
    private long sumNanos;

    /** Records one duration; negative ones count as zero. Only from the owning thread. */
    public void record(long nanos) {
        long value = Math.max(0, nanos);
        int bucket = bucketOf(value);
        COUNTS.setOpaque(counts, bucket, (long) COUNTS.getOpaque(counts, bucket) + 1);
        SUM.setOpaque(this, (long) SUM.getOpaque(this) + value);
    }

    /** The bucket a duration falls in: the first whose upper bound is at least {@code nanos}. */
    static int bucketOf(long nanos) {
        long[] bounds = UPPER_BOUNDS_NANOS;
        int low = 0;
        int high = bounds.length; // answer in [low, high]; high = overflow
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (nanos <= bounds[mid]) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** A consistent-enough copy, from any thread. */
    public Snapshot snapshot() {
        long[] copy = new long[BUCKETS];
        addTo(copy);
        return new Snapshot(copy, (long) SUM.getOpaque(this));
    }

    /** Adds this histogram's bucket counts into {@code target} (of length {@link #BUCKETS}) and returns its sum. */
    long addTo(long[] target) {
        for (int i = 0; i < BUCKETS; i++) {
            target[i] += (long) COUNTS.getOpaque(counts, i);
        }
        return (long) SUM.getOpaque(this);
    }

    private static long[] bounds() {
        long[] bounds = new long[21];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = Math.round(10_000 * Math.pow(10, i / 4.0));
        }
        return bounds;
    }

    /**
     * Counts per bucket (not cumulative; the last is the overflow) and the sum of the recorded durations.
     *
     * @param counts   {@link #BUCKETS} counts
     * @param sumNanos the sum of every recorded duration
     */
    public record Snapshot(long[] counts, long sumNanos) {
        public Snapshot {
            if (counts.length != BUCKETS) {
                throw new IllegalArgumentException("expected " + BUCKETS + " buckets");
            }
            counts = counts.clone();
        }

        /** The number of recorded durations. */
        public long count() {
            return Arrays.stream(counts).sum();
        }

        /** Counts of durations up to and including each bound, then the total (Prometheus {@code le} buckets). */
        public long[] cumulativeCounts() {
            long[] cumulative = new long[BUCKETS];
            long running = 0;
            for (int i = 0; i < BUCKETS; i++) {
                running += counts[i];
                cumulative[i] = running;
            }
            return cumulative;
        }

        @Override
        public long[] counts() {
            return counts.clone();
        }
    }
}
