package org.opensfu.core.bwe;

/**
 * The throughput the receiver acknowledged: bytes of packets received within the last {@value #WINDOW_MILLIS} ms of
 * arrival time (receiver timeline), divided by the window (draft-ietf-rmcat-gcc-02 §5.5 uses this incoming rate for
 * the decrease). Unknown (0) until {@value #MIN_SPAN_MILLIS} ms of arrivals were seen. Primitive ring of
 * {@code capacity} packets: when it is full the oldest are dropped and the rate is taken over the span it still holds.
 */
public final class AcknowledgedBitrateEstimator {
    static final long WINDOW_MILLIS = 500;
    static final long MIN_SPAN_MILLIS = 150;
    private static final long WINDOW_NANOS = WINDOW_MILLIS * 1_000_000;
    private static final long MIN_SPAN_NANOS = MIN_SPAN_MILLIS * 1_000_000;

    private final long[] arrivals;
    private final int[] sizes;
    private final int mask;
    private int head;
    private int size;
    private long bytesInWindow;
    private boolean started;
    private long firstArrivalNanos;
    private long newestArrivalNanos;

    /** An estimator holding up to {@code capacity} packets, a power of two. */
    public AcknowledgedBitrateEstimator(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        arrivals = new long[capacity];
        sizes = new int[capacity];
        mask = capacity - 1;
    }

    /** Adds a packet received at {@code arrivalNanos} (receiver timeline). */
    public void onPacketReceived(long arrivalNanos, int sizeBytes) {
        if (!started) {
            started = true;
            firstArrivalNanos = arrivalNanos;
            newestArrivalNanos = arrivalNanos;
        }
        if (arrivalNanos > newestArrivalNanos) {
            newestArrivalNanos = arrivalNanos;
        }
        if (size == arrivals.length) {
            dropOldest();
        }
        int tail = (head + size) & mask;
        arrivals[tail] = arrivalNanos;
        sizes[tail] = Math.max(0, sizeBytes);
        size++;
        bytesInWindow += Math.max(0, sizeBytes);
        long windowStart = newestArrivalNanos - WINDOW_NANOS;
        while (size > 0 && arrivals[head] <= windowStart) {
            dropOldest();
        }
    }

    private void dropOldest() {
        bytesInWindow -= sizes[head];
        head = (head + 1) & mask;
        size--;
    }

    /** The acknowledged bitrate, bits per second, or 0 while unknown. */
    public long bitrateBps() {
        if (!started) {
            return 0;
        }
        long span = Math.min(WINDOW_NANOS, newestArrivalNanos - firstArrivalNanos);
        if (size == arrivals.length) {
            span = Math.min(span, newestArrivalNanos - arrivals[head]);
        }
        if (span < MIN_SPAN_NANOS) {
            return 0;
        }
        return (long) (bytesInWindow * 8e9 / span);
    }
}
