package org.opensfu.core.bwe;

/**
 * Groups packets into bursts and measures how the spacing of consecutive groups changed on the way
 * (draft-ietf-rmcat-gcc-02 §5.1 arrival-time model and §5.2 pre-filtering).
 *
 * <p>A group is the packets sent within {@value #BURST_MILLIS} ms of its first packet. A packet that arrives less
 * than {@value #BURST_MILLIS} ms after the group's last one and closer to it than it was sent (it waited in a queue
 * that then emptied in a burst) also joins the group, as long as the group spans at most {@value #MAX_BURST_MILLIS}
 * ms of arrivals. When a packet starts a new group, the previous two complete groups give one sample: the difference
 * of their send times and of their arrival times (each taken at the group's last packet) and of their sizes.
 *
 * <p>Packets sent before the current group's first one (reordered) are ignored. A sample whose arrival spacing is
 * negative, or differs from the send spacing by more than {@value #RESET_MILLIS} ms (a clock jump, a very long
 * outage), is not produced and the grouping starts over. No allocation.
 */
public final class InterArrival {
    static final long BURST_MILLIS = 5;
    static final long MAX_BURST_MILLIS = 100;
    static final long RESET_MILLIS = 3000;
    private static final long BURST_NANOS = BURST_MILLIS * 1_000_000;
    private static final long MAX_BURST_NANOS = MAX_BURST_MILLIS * 1_000_000;
    private static final long RESET_NANOS = RESET_MILLIS * 1_000_000;

    private boolean hasCurrent;
    private long currentFirstSendNanos;
    private long currentLastSendNanos;
    private long currentFirstArrivalNanos;
    private long currentLastArrivalNanos;
    private long currentSizeBytes;

    private boolean hasPrevious;
    private long previousLastSendNanos;
    private long previousLastArrivalNanos;
    private long previousSizeBytes;

    private long sendDeltaNanos;
    private long arrivalDeltaNanos;
    private long sizeDeltaBytes;
    private long sampleArrivalNanos;
    private int resets;

    /**
     * Adds a received packet (in send order). Returns true when it completed a group and a new sample is available
     * from {@link #sendDeltaNanos()}, {@link #arrivalDeltaNanos()}, {@link #sizeDeltaBytes()}.
     */
    public boolean add(long sendNanos, long arrivalNanos, int sizeBytes) {
        if (!hasCurrent) {
            startGroup(sendNanos, arrivalNanos, sizeBytes);
            return false;
        }
        if (sendNanos < currentFirstSendNanos) {
            return false;
        }
        if (belongsToCurrentGroup(sendNanos, arrivalNanos)) {
            currentLastSendNanos = Math.max(currentLastSendNanos, sendNanos);
            currentLastArrivalNanos = Math.max(currentLastArrivalNanos, arrivalNanos);
            currentSizeBytes += sizeBytes;
            return false;
        }
        boolean sample = false;
        if (hasPrevious) {
            long sendDelta = currentLastSendNanos - previousLastSendNanos;
            long arrivalDelta = currentLastArrivalNanos - previousLastArrivalNanos;
            long variation = arrivalDelta - sendDelta;
            if (arrivalDelta < 0 || variation > RESET_NANOS || variation < -RESET_NANOS) {
                resets++;
                hasPrevious = false;
                startGroup(sendNanos, arrivalNanos, sizeBytes);
                return false;
            }
            sendDeltaNanos = sendDelta;
            arrivalDeltaNanos = arrivalDelta;
            sizeDeltaBytes = currentSizeBytes - previousSizeBytes;
            sampleArrivalNanos = currentLastArrivalNanos;
            sample = true;
        }
        hasPrevious = true;
        previousLastSendNanos = currentLastSendNanos;
        previousLastArrivalNanos = currentLastArrivalNanos;
        previousSizeBytes = currentSizeBytes;
        startGroup(sendNanos, arrivalNanos, sizeBytes);
        return sample;
    }

    private boolean belongsToCurrentGroup(long sendNanos, long arrivalNanos) {
        if (sendNanos - currentFirstSendNanos <= BURST_NANOS) {
            return true;
        }
        long arrivalDelta = arrivalNanos - currentLastArrivalNanos;
        long propagationDelta = arrivalDelta - (sendNanos - currentLastSendNanos);
        return arrivalDelta >= 0 && arrivalDelta < BURST_NANOS && propagationDelta < 0
                && arrivalNanos - currentFirstArrivalNanos <= MAX_BURST_NANOS;
    }

    private void startGroup(long sendNanos, long arrivalNanos, int sizeBytes) {
        hasCurrent = true;
        currentFirstSendNanos = sendNanos;
        currentLastSendNanos = sendNanos;
        currentFirstArrivalNanos = arrivalNanos;
        currentLastArrivalNanos = arrivalNanos;
        currentSizeBytes = sizeBytes;
    }

    /** Forgets all groups. */
    public void reset() {
        hasCurrent = false;
        hasPrevious = false;
    }

    /** Send time of the newer group's last packet minus the older group's. */
    public long sendDeltaNanos() {
        return sendDeltaNanos;
    }

    /** Arrival time of the newer group's last packet minus the older group's. */
    public long arrivalDeltaNanos() {
        return arrivalDeltaNanos;
    }

    /** Size of the newer group minus the older one's, in bytes. */
    public long sizeDeltaBytes() {
        return sizeDeltaBytes;
    }

    /** Arrival time (receiver timeline) of the newer group's last packet. */
    public long sampleArrivalNanos() {
        return sampleArrivalNanos;
    }

    /** How many times the grouping started over after an implausible sample. */
    public int resets() {
        return resets;
    }
}
