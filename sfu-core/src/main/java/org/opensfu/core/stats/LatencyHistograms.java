package org.opensfu.core.stats;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The set of {@link LatencyHistogram}s of one measurement (the SFU transit time), one per writer thread, merged for
 * export. The media engine owns one; each writer (a media loop, or a router on its loop) {@link #register registers}
 * its own histogram once and records into it without any coordination. {@link #unregister} folds a histogram that is
 * no longer written into a retired total, so the exported counts never go down.
 */
public final class LatencyHistograms {
    private final List<LatencyHistogram> live = new CopyOnWriteArrayList<>();
    private final long[] retiredCounts = new long[LatencyHistogram.BUCKETS];
    private long retiredSumNanos;

    /** A new histogram, included in every later {@link #snapshot}. Control plane only (not per packet). */
    public LatencyHistogram register() {
        LatencyHistogram histogram = new LatencyHistogram();
        live.add(histogram);
        return histogram;
    }

    /** Stops exporting {@code histogram} separately; its counts stay in the total. Call after its last record. */
    public void unregister(LatencyHistogram histogram) {
        synchronized (retiredCounts) {
            if (live.remove(histogram)) {
                retiredSumNanos += histogram.addTo(retiredCounts);
            }
        }
    }

    /** How many histograms are registered. */
    public int size() {
        return live.size();
    }

    /** Every histogram, live and retired, merged. From any thread. */
    public LatencyHistogram.Snapshot snapshot() {
        long[] counts = new long[LatencyHistogram.BUCKETS];
        long sumNanos;
        synchronized (retiredCounts) {
            System.arraycopy(retiredCounts, 0, counts, 0, counts.length);
            sumNanos = retiredSumNanos;
            for (LatencyHistogram histogram : live) {
                sumNanos += histogram.addTo(counts);
            }
        }
        return new LatencyHistogram.Snapshot(counts, sumNanos);
    }
}
