package org.opensfu.core.bwe;

/**
 * Estimates whether the one-way queuing delay is growing, from the inter-group delay variations of
 * {@link InterArrival} (the arrival-time filter of draft-ietf-rmcat-gcc-02 §5.3, done as a trendline rather than a
 * Kalman filter).
 *
 * <p>Each delay variation {@code d = arrival delta - send delta} is accumulated into the delay relative to the first
 * group, smoothed exponentially ({@value #SMOOTHING}), and kept with its arrival time in a window of the last
 * {@value #WINDOW} samples. The least-squares slope of smoothed delay over arrival time (ms per ms) is the trend: 0
 * while the queue is steady, positive while it builds. The output, comparable with the over-use threshold in
 * milliseconds, is {@code slope x min(samples seen, 60) x 4}, so that a few samples at start-up cannot signal much.
 * Primitive ring, no allocation.
 */
public final class TrendlineEstimator {
    static final int WINDOW = 20;
    static final double SMOOTHING = 0.9;
    static final double GAIN = 4.0;
    static final int MAX_SAMPLE_WEIGHT = 60;

    private final double[] arrivalMillis = new double[WINDOW];
    private final double[] smoothedDelayMillis = new double[WINDOW];
    private int head;
    private int size;
    private boolean started;
    private long firstArrivalNanos;
    private double accumulatedDelayMillis;
    private double smoothedMillis;
    private int samples;
    private double slope;
    private double modifiedTrend;

    /**
     * Adds one sample: the delay variation {@code delayVariationMillis} of a group that arrived at
     * {@code arrivalNanos} (receiver timeline). Returns the modified trend.
     */
    public double update(double delayVariationMillis, long arrivalNanos) {
        if (!Double.isFinite(delayVariationMillis)) {
            return modifiedTrend;
        }
        if (!started) {
            started = true;
            firstArrivalNanos = arrivalNanos;
        }
        samples = Math.min(samples + 1, MAX_SAMPLE_WEIGHT);
        accumulatedDelayMillis += delayVariationMillis;
        smoothedMillis = SMOOTHING * smoothedMillis + (1 - SMOOTHING) * accumulatedDelayMillis;
        arrivalMillis[head] = (arrivalNanos - firstArrivalNanos) / 1e6;
        smoothedDelayMillis[head] = smoothedMillis;
        head = (head + 1) % WINDOW;
        size = Math.min(size + 1, WINDOW);
        if (size == WINDOW) {
            double s = regressionSlope();
            if (Double.isFinite(s)) {
                slope = s;
            }
        }
        modifiedTrend = slope * samples * GAIN;
        return modifiedTrend;
    }

    private double regressionSlope() {
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < size; i++) {
            meanX += arrivalMillis[i];
            meanY += smoothedDelayMillis[i];
        }
        meanX /= size;
        meanY /= size;
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < size; i++) {
            double dx = arrivalMillis[i] - meanX;
            numerator += dx * (smoothedDelayMillis[i] - meanY);
            denominator += dx * dx;
        }
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }

    /** The last slope of smoothed delay over time, ms per ms (0 until the window is full). */
    public double slope() {
        return slope;
    }

    /** The last output of {@link #update}. */
    public double modifiedTrend() {
        return modifiedTrend;
    }

    /** Samples in the window. */
    public int windowSize() {
        return size;
    }

    /** Forgets everything. */
    public void reset() {
        head = 0;
        size = 0;
        started = false;
        accumulatedDelayMillis = 0;
        smoothedMillis = 0;
        samples = 0;
        slope = 0;
        modifiedTrend = 0;
    }
}
