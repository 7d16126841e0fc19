package org.opensfu.server.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import org.opensfu.core.stats.LatencyHistogram;
import org.opensfu.core.stats.LatencyHistograms;

/**
 * Exports the engine's transit-time histograms, merged, as the Prometheus histogram {@code sfu_transit_time_seconds}:
 * how long a packet spends in the SFU, from its arrival to its forwarding. Buckets are the fixed ones of
 * {@link LatencyHistogram} (10 µs to 1 s).
 */
public final class TransitTimeCollector implements Collector {
    static final String NAME = "sfu_transit_time_seconds";
    private static final double[] UPPER_BOUNDS_SECONDS = upperBounds();

    private final LatencyHistograms histograms;

    public TransitTimeCollector(LatencyHistograms histograms) {
        this.histograms = histograms;
    }

    @Override
    public MetricSnapshot collect() {
        LatencyHistogram.Snapshot merged = histograms.snapshot();
        return HistogramSnapshot.builder()
                .name(NAME)
                .help("Time a media packet spends in the SFU, from its arrival to its forwarding")
                .unit(Unit.SECONDS)
                .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(UPPER_BOUNDS_SECONDS, merged.counts()))
                        .sum(merged.sumNanos() / 1e9)
                        .build())
                .build();
    }

    @Override
    public String getPrometheusName() {
        return NAME;
    }

    private static double[] upperBounds() {
        long[] nanos = LatencyHistogram.UPPER_BOUNDS_NANOS;
        double[] seconds = new double[nanos.length + 1];
        for (int i = 0; i < nanos.length; i++) {
            seconds[i] = nanos[i] / 1e9;
        }
        seconds[nanos.length] = Double.POSITIVE_INFINITY;
        return seconds;
    }
}
