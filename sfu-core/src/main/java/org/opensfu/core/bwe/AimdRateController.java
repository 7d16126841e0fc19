package org.opensfu.core.bwe;

/**
 * The delay-based rate controller of draft-ietf-rmcat-gcc-02 §5.5: a state machine (hold, increase, decrease) driven
 * by the over-use signal, with additive-increase multiplicative-decrease of the estimate.
 *
 * <pre>
 *  signal \ state | hold      increase   decrease
 *  over-use       | decrease  decrease   decrease
 *  normal         | increase  increase   hold
 *  under-use      | hold      hold       hold
 * </pre>
 *
 * <ul>
 * <li>Increase: multiplicative, {@value #MULTIPLICATIVE_INCREASE_PER_SECOND}x per second, while the estimate is not
 * near a known link capacity ({@link LinkCapacityEstimator}); additive near it, about one packet per response time
 * (round trip + 100 ms), the packet size being what a 30 fps stream at this rate would send. The increase never takes
 * the estimate above {@value #MAX_ACKED_RATIO} x the acknowledged bitrate + 10 kbps, so an application-limited
 * sender does not inflate it. Exceeding the capacity band forgets the capacity.</li>
 * <li>Decrease: to {@value #BETA} x the acknowledged bitrate (never up), at most once per round trip; the acknowledged
 * bitrate at that moment is a capacity sample.</li>
 * </ul>
 */
public final class AimdRateController {
    static final double BETA = 0.85;
    static final double MULTIPLICATIVE_INCREASE_PER_SECOND = 1.08;
    static final double MAX_ACKED_RATIO = 1.5;
    static final long ACKED_HEADROOM_BPS = 10_000;
    static final long MIN_DECREASE_INTERVAL_NANOS = 100_000_000;
    static final long MAX_UPDATE_INTERVAL_NANOS = 1_000_000_000;
    static final double FRAMES_PER_SECOND = 30;
    static final double MAX_PACKET_BITS = 1200 * 8;
    static final double MIN_ADDITIVE_BPS_PER_SECOND = 4000;

    private enum State { HOLD, INCREASE, DECREASE }

    private final long minBps;
    private final long maxBps;
    private final LinkCapacityEstimator capacity = new LinkCapacityEstimator();
    private double estimateBps;
    private State state = State.INCREASE;
    private boolean hasLastUpdate;
    private long lastUpdateNanos;
    private boolean hasLastDecrease;
    private long lastDecreaseNanos;

    public AimdRateController(long initialBps, long minBps, long maxBps) {
        this.minBps = minBps;
        this.maxBps = maxBps;
        this.estimateBps = Math.clamp(initialBps, minBps, maxBps);
    }

    /**
     * Applies the usage signal at {@code nowNanos}, given the acknowledged bitrate ({@code 0} if unknown) and the
     * round-trip time ({@code 0} if unknown); returns the new estimate.
     */
    public long update(BandwidthUsage usage, long ackedBps, long rttMillis, long nowNanos) {
        double dtNanos = hasLastUpdate ? Math.clamp(nowNanos - lastUpdateNanos, 0, MAX_UPDATE_INTERVAL_NANOS) : 0;
        hasLastUpdate = true;
        lastUpdateNanos = nowNanos;
        state = switch (usage) {
            case OVERUSING -> State.DECREASE;
            case UNDERUSING -> State.HOLD;
            case NORMAL -> state == State.DECREASE ? State.HOLD : State.INCREASE;
        };
        switch (state) {
            case INCREASE -> increase(dtNanos / 1e9, ackedBps, rttMillis);
            case DECREASE -> decrease(ackedBps, rttMillis, nowNanos);
            case HOLD -> { }
        }
        estimateBps = Math.clamp(estimateBps, minBps, maxBps);
        return estimateBps();
    }

    private void increase(double dtSeconds, long ackedBps, long rttMillis) {
        if (estimateBps > capacity.upperBoundBps()) {
            capacity.reset();
        }
        double next;
        if (capacity.isKnown()) {
            next = estimateBps + additiveIncreaseBpsPerSecond(rttMillis) * dtSeconds;
        } else {
            next = estimateBps * Math.pow(MULTIPLICATIVE_INCREASE_PER_SECOND, dtSeconds);
            next = Math.max(next, estimateBps + 1000 * dtSeconds);
        }
        if (ackedBps > 0) {
            double limit = MAX_ACKED_RATIO * ackedBps + ACKED_HEADROOM_BPS;
            next = Math.min(next, Math.max(limit, estimateBps));
        }
        estimateBps = next;
    }

    /** One average packet per response time, for a 30 fps stream at the current estimate. */
    double additiveIncreaseBpsPerSecond(long rttMillis) {
        double bitsPerFrame = estimateBps / FRAMES_PER_SECOND;
        double packetsPerFrame = Math.max(1, Math.ceil(bitsPerFrame / MAX_PACKET_BITS));
        double packetBits = bitsPerFrame / packetsPerFrame;
        double responseSeconds = (Math.clamp(rttMillis, 0, 10_000) + 100) / 1000.0;
        return Math.max(MIN_ADDITIVE_BPS_PER_SECOND, packetBits / responseSeconds);
    }

    private void decrease(long ackedBps, long rttMillis, long nowNanos) {
        long interval = Math.max(MIN_DECREASE_INTERVAL_NANOS, Math.clamp(rttMillis, 0, 10_000) * 1_000_000);
        if (hasLastDecrease && nowNanos - lastDecreaseNanos < interval && nowNanos >= lastDecreaseNanos) {
            return;
        }
        hasLastDecrease = true;
        lastDecreaseNanos = nowNanos;
        double target = ackedBps > 0 ? BETA * ackedBps : BETA * estimateBps;
        if (ackedBps > 0) {
            capacity.onOveruse(ackedBps);
        }
        estimateBps = Math.min(estimateBps, target);
    }

    /**
     * Sets the estimate to a measured rate (a probe result) if that is higher; a probe that went through shows the
     * capacity band no longer holds.
     */
    public void raiseTo(long bps) {
        double raised = Math.clamp(bps, minBps, maxBps);
        if (raised > estimateBps) {
            estimateBps = raised;
            if (raised > capacity.upperBoundBps()) {
                capacity.reset();
            }
        }
    }

    /** The current estimate, bits per second. */
    public long estimateBps() {
        return Math.round(estimateBps);
    }

    /** The link capacity model (for tests and stats). */
    public LinkCapacityEstimator capacity() {
        return capacity;
    }
}
