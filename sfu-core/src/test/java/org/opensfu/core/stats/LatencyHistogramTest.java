package org.opensfu.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.assertj.core.data.Offset;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void bucketsAreFourPerDecadeFromTenMicrosecondsToOneSecond() {
        long[] bounds = LatencyHistogram.UPPER_BOUNDS_NANOS;
        assertThat(bounds).hasSize(21);
        assertThat(bounds[0]).isEqualTo(10_000);
        assertThat(bounds[4]).isEqualTo(100_000);
        assertThat(bounds[8]).isEqualTo(1_000_000);
        assertThat(bounds[20]).isEqualTo(1_000_000_000);
        for (int i = 1; i < bounds.length; i++) {
            assertThat((double) bounds[i] / bounds[i - 1]).isCloseTo(Math.pow(10, 0.25), Offset.offset(1e-3));
        }
    }

    @Test
    void valuesLandInTheFirstBucketWhoseBoundIsAtLeastThem() {
        assertThat(LatencyHistogram.bucketOf(0)).isZero();
        assertThat(LatencyHistogram.bucketOf(10_000)).isZero();
        assertThat(LatencyHistogram.bucketOf(10_001)).isEqualTo(1);
        assertThat(LatencyHistogram.bucketOf(100_000)).isEqualTo(4);
        assertThat(LatencyHistogram.bucketOf(1_000_000_000)).isEqualTo(20);
        assertThat(LatencyHistogram.bucketOf(1_000_000_001)).isEqualTo(21);
        assertThat(LatencyHistogram.bucketOf(Long.MAX_VALUE)).isEqualTo(21);
    }

    @Test
    void snapshotCountsSumsAndCumulates() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(5_000);       // bucket 0
        histogram.record(50_000);      // (31.6 µs, 56.2 µs]: bucket 3
        histogram.record(2_000_000);   // (1.78 ms, 3.16 ms]: bucket 10
        histogram.record(5_000_000_000L); // overflow
        histogram.record(-7);          // counts as 0
        LatencyHistogram.Snapshot snapshot = histogram.snapshot();
        assertThat(snapshot.count()).isEqualTo(5);
        assertThat(snapshot.sumNanos()).isEqualTo(5_000 + 50_000 + 2_000_000 + 5_000_000_000L);
        long[] counts = snapshot.counts();
        assertThat(counts[0]).isEqualTo(2);
        assertThat(counts[3]).isEqualTo(1);
        assertThat(counts[10]).isEqualTo(1);
        assertThat(counts[LatencyHistogram.BUCKETS - 1]).isEqualTo(1);
        long[] cumulative = snapshot.cumulativeCounts();
        assertThat(cumulative[2]).isEqualTo(2);
        assertThat(cumulative[3]).isEqualTo(3);
        assertThat(cumulative[20]).isEqualTo(4);
        assertThat(cumulative[21]).isEqualTo(5);
    }

    @Test
    void recordingAllocatesNothing() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < 100_000; i++) { // warm up, so the JIT has compiled record()
            histogram.record(i * 1000L);
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000_000; i++) {
            histogram.record(i * 997L);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by a million records").isLessThan(1024);
    }

    @Test
    void aReaderOnAnotherThreadSeesMonotonicConsistentSnapshots() throws Exception {
        LatencyHistogram histogram = new LatencyHistogram();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            started.countDown();
            for (int i = 0; i < 2_000_000; i++) {
                histogram.record((i % 1000) * 1_000L);
            }
            done.set(true);
        });
        writer.start();
        started.await();
        long previous = 0;
        while (!done.get()) {
            LatencyHistogram.Snapshot snapshot = histogram.snapshot();
            assertThat(snapshot.count()).isGreaterThanOrEqualTo(previous);
            assertThat(snapshot.cumulativeCounts()[LatencyHistogram.BUCKETS - 1]).isEqualTo(snapshot.count());
            previous = snapshot.count();
        }
        writer.join();
        assertThat(histogram.snapshot().count()).isEqualTo(2_000_000);
    }

    @Test
    void unregisteredHistogramsStayInTheTotal() {
        LatencyHistograms all = new LatencyHistograms();
        LatencyHistogram first = all.register();
        LatencyHistogram second = all.register();
        first.record(20_000);
        second.record(20_000);
        second.record(300_000);
        assertThat(all.snapshot().count()).isEqualTo(3);
        all.unregister(second);
        all.unregister(second); // twice is harmless
        assertThat(all.size()).isEqualTo(1);
        LatencyHistogram.Snapshot merged = all.snapshot();
        assertThat(merged.count()).isEqualTo(3);
        assertThat(merged.sumNanos()).isEqualTo(340_000);
        first.record(1);
        assertThat(all.snapshot().count()).isEqualTo(4);
    }
}
