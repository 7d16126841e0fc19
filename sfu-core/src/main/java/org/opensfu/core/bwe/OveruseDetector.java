package org.opensfu.core.bwe;

/**
 * Turns the delay trend into a usage signal with an adaptive threshold (draft-ietf-rmcat-gcc-02 §5.4).
 *
 * <p>The trend {@code m} is compared with the threshold {@code γ}: above it for more than
 * {@value #OVERUSE_TIME_MILLIS} ms over at least two samples, and not falling, is over-use; below {@code -γ} is
 * under-use; otherwise normal. The threshold follows {@code |m|}: {@code γ += Δt · k · (|m| - γ)} with
 * {@code k = k_u} ({@value #K_UP}) when {@code |m| > γ} and {@code k_d} ({@value #K_DOWN}) otherwise, {@code Δt} in
 * ms capped at {@value #MAX_UPDATE_MILLIS}, clamped to [{@value #MIN_THRESHOLD}, {@value #MAX_THRESHOLD}] ms, and not
 * updated for spikes more than {@value #SPIKE_MILLIS} ms above it. So a flow that competes with loss-based TCP raises
 * its threshold instead of starving, and a threshold that is not needed comes back down.
 *
 * <p>{@code k_u} is the draft's; {@code k_d} is ten times the draft's 0.00018, which was chosen for its Kalman filter
 * output: with the trendline's output, a threshold raised by the transient of a capacity drop otherwise stays high
 * for tens of seconds, and the estimate then overshoots the link by 15% and more before over-use is seen (measured in
 * {@code BandwidthEstimationAcceptanceTest}'s simulation). Now it halves in about 350 ms of calm.
 */
public final class OveruseDetector {
    static final double INITIAL_THRESHOLD = 12.5;
    static final double K_UP = 0.01;
    static final double K_DOWN = 0.002;
    static final double MIN_THRESHOLD = 6;
    static final double MAX_THRESHOLD = 600;
    static final double OVERUSE_TIME_MILLIS = 10;
    static final double MAX_UPDATE_MILLIS = 100;
    static final double SPIKE_MILLIS = 15;

    private double thresholdMillis = INITIAL_THRESHOLD;
    private double overuseMillis = -1;
    private int overuseCount;
    private double previousTrend;
    private boolean hasLastUpdate;
    private long lastUpdateNanos;
    private BandwidthUsage usage = BandwidthUsage.NORMAL;

    /**
     * Takes one trend sample {@code trend} for a group {@code groupDeltaMillis} ms after the previous one, at
     * {@code nowNanos}; returns the resulting usage.
     */
    public BandwidthUsage detect(double trend, double groupDeltaMillis, long nowNanos) {
        if (!Double.isFinite(trend)) {
            return usage;
        }
        double deltaMillis = Double.isFinite(groupDeltaMillis) ? Math.clamp(groupDeltaMillis, 0, 1000) : 0;
        if (trend > thresholdMillis) {
            overuseMillis = overuseMillis < 0 ? deltaMillis / 2 : overuseMillis + deltaMillis;
            overuseCount++;
            if (overuseMillis > OVERUSE_TIME_MILLIS && overuseCount > 1 && trend >= previousTrend) {
                overuseMillis = 0;
                overuseCount = 0;
                usage = BandwidthUsage.OVERUSING;
            }
        } else if (trend < -thresholdMillis) {
            overuseMillis = -1;
            overuseCount = 0;
            usage = BandwidthUsage.UNDERUSING;
        } else {
            overuseMillis = -1;
            overuseCount = 0;
            usage = BandwidthUsage.NORMAL;
        }
        previousTrend = trend;
        adaptThreshold(trend, nowNanos);
        return usage;
    }

    private void adaptThreshold(double trend, long nowNanos) {
        if (!hasLastUpdate) {
            hasLastUpdate = true;
            lastUpdateNanos = nowNanos;
        }
        double magnitude = Math.abs(trend);
        if (magnitude > thresholdMillis + SPIKE_MILLIS) {
            lastUpdateNanos = nowNanos;
            return;
        }
        double k = magnitude < thresholdMillis ? K_DOWN : K_UP;
        double dtMillis = Math.clamp((nowNanos - lastUpdateNanos) / 1e6, 0, MAX_UPDATE_MILLIS);
        thresholdMillis = Math.clamp(thresholdMillis + k * (magnitude - thresholdMillis) * dtMillis,
                MIN_THRESHOLD, MAX_THRESHOLD);
        lastUpdateNanos = nowNanos;
    }

    /** The current threshold {@code γ} in ms. */
    public double thresholdMillis() {
        return thresholdMillis;
    }

    /** The last signal. */
    public BandwidthUsage usage() {
        return usage;
    }
}
