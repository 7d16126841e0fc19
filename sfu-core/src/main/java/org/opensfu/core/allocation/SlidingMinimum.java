package org.opensfu.core.allocation;

import java.util.ArrayDeque;

/**
 * The lowest value a step signal took over the last window: each sample holds from its time until the next one, so
 * the answer is the lowest of the samples taken within the window and of the one in effect when it began.
 * Amortized O(1) per sample (a deque of increasing minima).
 */
final class SlidingMinimum {
    private final long windowNanos;
    private final ArrayDeque<Sample> candidates = new ArrayDeque<>();
    private boolean any;
    private long firstSampleNanos;

    private static final class Sample {
        final long atNanos;
        final long value;
        long supersededAtNanos = Long.MAX_VALUE;

        Sample(long atNanos, long value) {
            this.atNanos = atNanos;
            this.value = value;
        }
    }

    SlidingMinimum(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** Records a new value of the signal, taking effect at {@code nowNanos} (not earlier than the last one). */
    void add(long nowNanos, long value) {
        Sample last = candidates.peekLast();
        if (last != null) {
            last.supersededAtNanos = nowNanos;
        }
        while (!candidates.isEmpty() && candidates.peekLast().value >= value) {
            candidates.pollLast();
        }
        candidates.addLast(new Sample(nowNanos, value));
        if (!any) {
            any = true;
            firstSampleNanos = nowNanos;
        }
    }

    /** The lowest value in effect at any time in {@code [nowNanos - window, nowNanos]}; requires a sample. */
    long min(long nowNanos) {
        long windowStart = nowNanos - windowNanos;
        while (candidates.size() > 1 && candidates.peekFirst().supersededAtNanos <= windowStart) {
            candidates.pollFirst();
        }
        Sample first = candidates.peekFirst();
        if (first == null) {
            throw new IllegalStateException("no sample yet");
        }
        return first.value;
    }

    /** True once the samples cover the whole window ending at {@code nowNanos}. */
    boolean covers(long nowNanos) {
        return any && nowNanos - firstSampleNanos >= windowNanos;
    }
}
