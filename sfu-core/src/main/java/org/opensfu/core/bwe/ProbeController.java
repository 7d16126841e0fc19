package org.opensfu.core.bwe;

/**
 * Decides when to probe for more bandwidth, so that a capacity higher than the estimate is found in a few round trips
 * instead of the many seconds the rate controller's increase would take (draft-ietf-rmcat-gcc-02 leaves start-up and
 * ramp-up to the sender).
 *
 * <p>A probe is wanted when the caller would like to send more than the estimate. It goes at
 * {@value #PROBE_MULTIPLIER}x the estimate, but not above {@value #DESIRED_HEADROOM}x what is desired nor the maximum,
 * for at least {@value #PROBE_DURATION_MILLIS} ms and {@value #MIN_PACKETS} packets. One probe is in flight at a
 * time. A probe succeeds when its measured rate reaches {@value #SUCCESS_RATIO} of the probed rate: the next one may
 * follow at once (so the start-up estimate doubles every round trip or so). A probe without such a result within
 * {@value #RESULT_TIMEOUT_MILLIS} ms failed: the next waits {@value #INITIAL_BACKOFF_MILLIS} ms, doubling after each
 * further failure up to {@value #MAX_BACKOFF_MILLIS} ms.
 */
public final class ProbeController {
    static final double PROBE_MULTIPLIER = 2.0;
    static final double DESIRED_HEADROOM = 1.2;
    static final long PROBE_DURATION_MILLIS = 30;
    static final int MIN_PACKETS = 5;
    static final double SUCCESS_RATIO = 0.85;
    static final long RESULT_TIMEOUT_MILLIS = 1000;
    static final long INITIAL_BACKOFF_MILLIS = 1000;
    static final long MAX_BACKOFF_MILLIS = 4000;
    /** Not worth probing for less than this gain over the estimate. */
    static final double MIN_GAIN = 1.1;

    private int nextId;
    private boolean pending;
    private int pendingId;
    private long pendingBps;
    private long pendingDeadlineNanos;
    private boolean hasNextAllowed;
    private long nextAllowedNanos;
    private long backoffNanos = INITIAL_BACKOFF_MILLIS * 1_000_000;
    private int failures;
    private int successes;

    /**
     * Returns a cluster to send now, or null: {@code desiredBps} is what the caller would like to send,
     * {@code estimateBps} the current estimate, {@code maxBps} the configured maximum.
     */
    public ProbeCluster probeIfWanted(long nowNanos, long desiredBps, long estimateBps, long maxBps) {
        if (pending) {
            if (nowNanos - pendingDeadlineNanos < 0) {
                return null;
            }
            fail(nowNanos);
        }
        if (desiredBps <= estimateBps || estimateBps <= 0) {
            return null;
        }
        if (hasNextAllowed && nowNanos - nextAllowedNanos < 0) {
            return null;
        }
        double rate = Math.min(PROBE_MULTIPLIER * estimateBps, Math.min(DESIRED_HEADROOM * desiredBps, maxBps));
        if (rate < MIN_GAIN * estimateBps) {
            return null;
        }
        int id = nextId;
        nextId = nextId == Integer.MAX_VALUE ? 0 : nextId + 1;
        pending = true;
        pendingId = id;
        pendingBps = (long) rate;
        pendingDeadlineNanos = nowNanos + (PROBE_DURATION_MILLIS + RESULT_TIMEOUT_MILLIS) * 1_000_000;
        return new ProbeCluster(id, pendingBps, PROBE_DURATION_MILLIS * 1_000_000, MIN_PACKETS);
    }

    /** A measured rate for cluster {@code id}. */
    public void onProbeResult(int id, long bps, long nowNanos) {
        if (!pending || id != pendingId) {
            return;
        }
        if (bps >= SUCCESS_RATIO * pendingBps) {
            pending = false;
            successes++;
            hasNextAllowed = true;
            nextAllowedNanos = nowNanos;
            backoffNanos = INITIAL_BACKOFF_MILLIS * 1_000_000;
        }
    }

    private void fail(long nowNanos) {
        pending = false;
        failures++;
        hasNextAllowed = true;
        nextAllowedNanos = nowNanos + backoffNanos;
        backoffNanos = Math.min(2 * backoffNanos, MAX_BACKOFF_MILLIS * 1_000_000);
    }

    /** Whether a cluster awaits its result. */
    public boolean isProbing() {
        return pending;
    }

    /** Probes that timed out without reaching their rate. */
    public int failures() {
        return failures;
    }

    /** Probes that reached their rate. */
    public int successes() {
        return successes;
    }
}
