package org.opensfu.core.bwe;

/**
 * What the rate controller remembers of the link's capacity: an average of the acknowledged bitrates measured when
 * over-use was detected, with their relative spread (draft-ietf-rmcat-gcc-02 §5.5, "close to convergence"). The rate
 * controller increases additively within {@code average ± 3σ} and multiplicatively outside it.
 *
 * <p>A sample outside the band means the capacity changed: the average restarts from it. The relative standard
 * deviation is kept between {@value #MIN_RELATIVE_DEVIATION} and {@value #MAX_RELATIVE_DEVIATION}, so the band is at
 * least ±15%: a decrease to 0.85 of the capacity stays inside it.
 */
public final class LinkCapacityEstimator {
    static final double SMOOTHING = 0.95;
    static final double INITIAL_RELATIVE_DEVIATION = 0.1;
    static final double MIN_RELATIVE_DEVIATION = 0.05;
    static final double MAX_RELATIVE_DEVIATION = 0.25;

    private boolean known;
    private double averageBps;
    private double relativeVariance;

    /** Adds the acknowledged bitrate measured at an over-use. */
    public void onOveruse(double ackedBps) {
        if (!(ackedBps > 0) || !Double.isFinite(ackedBps)) {
            return;
        }
        if (!known || ackedBps < lowerBoundBps() || ackedBps > upperBoundBps()) {
            known = true;
            averageBps = ackedBps;
            relativeVariance = INITIAL_RELATIVE_DEVIATION * INITIAL_RELATIVE_DEVIATION;
            return;
        }
        double error = (ackedBps - averageBps) / averageBps;
        averageBps = SMOOTHING * averageBps + (1 - SMOOTHING) * ackedBps;
        relativeVariance = SMOOTHING * relativeVariance + (1 - SMOOTHING) * error * error;
    }

    /** Forgets the capacity (it was exceeded: the link must have grown). */
    public void reset() {
        known = false;
    }

    /** Whether there is an estimate. */
    public boolean isKnown() {
        return known;
    }

    /** The average, or 0 when unknown. */
    public double averageBps() {
        return known ? averageBps : 0;
    }

    /** Relative standard deviation, clamped. */
    public double relativeDeviation() {
        return Math.clamp(Math.sqrt(relativeVariance), MIN_RELATIVE_DEVIATION, MAX_RELATIVE_DEVIATION);
    }

    /** {@code average x (1 + 3σ)}, or +∞ when unknown. */
    public double upperBoundBps() {
        return known ? averageBps * (1 + 3 * relativeDeviation()) : Double.POSITIVE_INFINITY;
    }

    /** {@code average x (1 - 3σ)}, or 0 when unknown. */
    public double lowerBoundBps() {
        return known ? averageBps * (1 - 3 * relativeDeviation()) : 0;
    }
}
