package org.opensfu.core.bwe;

/**
 * The loss-based half of GCC (draft-ietf-rmcat-gcc-02 §6): a bound on the sending rate from the fraction of packets
 * lost, measured over consecutive windows of at least {@value #MIN_WINDOW_MILLIS} ms and {@value #MIN_WINDOW_PACKETS}
 * packets (or {@value #MAX_WINDOW_MILLIS} ms with whatever came) of feedback arrival time.
 *
 * <ul>
 * <li>Loss under {@value #LOW_LOSS}: the bound may increase. If it was lowered by loss it recovers by
 * {@value #INCREASE_PER_SECOND}x per second until it reaches the delay-based estimate; otherwise it does not
 * limit.</li>
 * <li>Loss from {@value #LOW_LOSS} to {@value #HIGH_LOSS}: hold, the bound stays at most what is sent now (the
 * delay-based estimate at that moment).</li>
 * <li>Loss over {@value #HIGH_LOSS}: {@code bound = rate x (1 - loss / 2)}, at most once per 300 ms + round trip;
 * the rate is what was being sent when the window opened (the losses are of that rate; if the delay-based estimate has
 * since dropped below the new bound, the congestion was already answered and loss does not cut twice).</li>
 * </ul>
 * A probe that got through at some rate while the bound recovers lifts the bound to that rate
 * ({@link #onProbeResult}). The bound is {@link #UNLIMITED} while it does not limit; the estimate is
 * {@code min(delay-based, bound)}.
 */
public final class LossBasedController {
    /** The bound when loss does not limit the rate. */
    public static final long UNLIMITED = Long.MAX_VALUE;
    static final double LOW_LOSS = 0.02;
    static final double HIGH_LOSS = 0.10;
    static final double INCREASE_PER_SECOND = 1.08;
    static final long MIN_WINDOW_MILLIS = 1000;
    static final long MAX_WINDOW_MILLIS = 3000;
    static final int MIN_WINDOW_PACKETS = 50;
    static final long DECREASE_INTERVAL_MILLIS = 300;
    private static final long MAX_GROWTH_NANOS = 2_000_000_000L;

    private long boundBps = UNLIMITED;
    private boolean recovering;
    private boolean windowOpen;
    private long windowStartNanos;
    private long windowReceived;
    private long windowLost;
    private long windowStartBps;
    private double lossFraction;
    private boolean hasLastUpdate;
    private long lastUpdateNanos;
    private boolean hasLastDecrease;
    private long lastDecreaseNanos;

    /**
     * Counts one feedback's newly reported packets ({@code late} of the received ones had been reported lost before),
     * at {@code nowNanos}; when that closes a window, applies the loss regime to {@code currentBps}, the delay-based
     * estimate. Returns true if a window closed.
     */
    public boolean onFeedback(int received, int lost, int late, long nowNanos, long currentBps, long rttMillis) {
        long current = Math.max(1, currentBps);
        if (!windowOpen) {
            openWindow(nowNanos, current);
        }
        windowReceived += Math.max(0, received);
        windowLost = Math.max(0, windowLost + Math.max(0, lost) - Math.max(0, late));
        long total = windowReceived + windowLost;
        long elapsed = nowNanos - windowStartNanos;
        boolean full = elapsed >= MIN_WINDOW_MILLIS * 1_000_000 && total >= MIN_WINDOW_PACKETS;
        boolean stale = elapsed >= MAX_WINDOW_MILLIS * 1_000_000 && total > 0;
        if (!full && !stale && elapsed >= 0) {
            return false;
        }
        long sentBps = windowStartBps;
        long lostInWindow = windowLost;
        openWindow(nowNanos, current); // the next window starts where this one ends
        if (total == 0) {
            return false;
        }
        lossFraction = Math.min(1.0, (double) lostInWindow / total);
        apply(lossFraction, nowNanos, current, sentBps, rttMillis);
        windowStartBps = Math.min(boundBps, current);
        return true;
    }

    private void openWindow(long nowNanos, long currentBps) {
        windowOpen = true;
        windowStartNanos = nowNanos;
        windowReceived = 0;
        windowLost = 0;
        windowStartBps = Math.min(boundBps, currentBps);
    }

    private void apply(double loss, long nowNanos, long currentBps, long sentBps, long rttMillis) {
        long growthNanos = hasLastUpdate ? Math.clamp(nowNanos - lastUpdateNanos, 0, MAX_GROWTH_NANOS) : 0;
        hasLastUpdate = true;
        lastUpdateNanos = nowNanos;
        if (loss < LOW_LOSS) {
            if (!recovering) {
                boundBps = UNLIMITED;
                return;
            }
            double seconds = growthNanos / 1e9;
            double grown = boundBps * Math.pow(INCREASE_PER_SECOND, seconds) + 1000 * seconds;
            if (grown >= currentBps) {
                recovering = false;
                boundBps = UNLIMITED;
            } else {
                boundBps = (long) grown;
            }
        } else if (loss <= HIGH_LOSS) {
            if (!recovering) {
                boundBps = Math.min(boundBps, currentBps);
            }
        } else {
            long interval = (DECREASE_INTERVAL_MILLIS + Math.clamp(rttMillis, 0, 10_000)) * 1_000_000;
            if (hasLastDecrease && nowNanos - lastDecreaseNanos < interval && nowNanos >= lastDecreaseNanos) {
                return;
            }
            hasLastDecrease = true;
            lastDecreaseNanos = nowNanos;
            boundBps = Math.max(1, (long) (Math.min(boundBps, sentBps) * (1 - loss / 2)));
            recovering = true;
        }
    }

    /**
     * A probe measured {@code bps} going through: a bound that is recovering from loss rises to it, and stops limiting
     * once it reaches the delay-based estimate {@code currentBps}.
     */
    public void onProbeResult(long bps, long currentBps) {
        if (!recovering || bps <= boundBps) {
            return;
        }
        if (bps >= currentBps) {
            recovering = false;
            boundBps = UNLIMITED;
        } else {
            boundBps = bps;
        }
    }

    /** The bound on the rate, or {@link #UNLIMITED}. */
    public long boundBps() {
        return boundBps;
    }

    /** The loss fraction of the last closed window, 0..1. */
    public double lossFraction() {
        return lossFraction;
    }

    /** Whether the bound is recovering from a loss-driven decrease. */
    public boolean isRecovering() {
        return recovering;
    }
}
