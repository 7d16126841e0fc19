package org.opensfu.loadgen.measure;

/**
 * A Prometheus histogram's cumulative buckets ({@code le} upper bounds, ascending, the last +Inf), and quantiles of the
 * difference between two readings, interpolated linearly inside a bucket as Prometheus' {@code histogram_quantile}
 * does.
 */
public record HistogramBuckets(double[] upperBounds, long[] cumulativeCounts) {
    public HistogramBuckets {
        if (upperBounds.length != cumulativeCounts.length) {
            throw new IllegalArgumentException("bounds and counts differ in length");
        }
    }

    /** The buckets of what was counted after {@code earlier} (same bucket layout). */
    public HistogramBuckets minus(HistogramBuckets earlier) {
        if (earlier == null || earlier.upperBounds.length != upperBounds.length) {
            return this;
        }
        long[] counts = new long[cumulativeCounts.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = cumulativeCounts[i] - earlier.cumulativeCounts[i];
        }
        return new HistogramBuckets(upperBounds, counts);
    }

    public long count() {
        return cumulativeCounts.length == 0 ? 0 : cumulativeCounts[cumulativeCounts.length - 1];
    }

    /** The value below which {@code quantile} (0..1) of the observations fall; NaN when empty. */
    public double quantile(double quantile) {
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = quantile * total;
        for (int i = 0; i < cumulativeCounts.length; i++) {
            if (cumulativeCounts[i] >= rank) {
                double lower = i == 0 ? 0 : upperBounds[i - 1];
                double upper = upperBounds[i];
                if (Double.isInfinite(upper)) {
                    return lower; // above the last finite bound: all we know
                }
                long below = i == 0 ? 0 : cumulativeCounts[i - 1];
                long inBucket = cumulativeCounts[i] - below;
                return inBucket == 0 ? upper : lower + (upper - lower) * (rank - below) / inBucket;
            }
        }
        return upperBounds[upperBounds.length - 1];
    }
}
