package org.opensfu.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DelayBasedEstimatorTest {
    private static final long MS = 1_000_000;

    /**
     * One packet every 10 ms for {@code millis}, each arriving {@code growthMicros} later than the one before would
     * have; feedback every 50 ms.
     */
    private static long run(DelayBasedEstimator e, long[] clock, long millis, long growthMicros, long ackedBps) {
        long t = clock[0];
        long end = t + millis * MS;
        long extra = clock[1];
        while (t < end) {
            for (int i = 0; i < 5; i++) {
                e.onPacketReceived(t, t + 40 * MS + extra, 1200);
                t += 10 * MS;
                extra += growthMicros * 1000;
            }
            e.update(ackedBps, 100, t + 80 * MS);
        }
        clock[0] = t;
        clock[1] = extra;
        return e.estimateBps();
    }

    @Test
    void steadyDelayLetsTheEstimateGrow() {
        DelayBasedEstimator e = new DelayBasedEstimator(500_000, 50_000, 5_000_000);
        long[] clock = {0, 0};
        assertThat(run(e, clock, 3000, 0, 1_000_000)).isGreaterThan(600_000);
        assertThat(e.usage()).isEqualTo(BandwidthUsage.NORMAL);
    }

    @Test
    void growingDelayIsOveruseAndCutsTheEstimate() {
        DelayBasedEstimator e = new DelayBasedEstimator(1_000_000, 50_000, 5_000_000);
        long[] clock = {0, 0};
        run(e, clock, 2000, 0, 1_000_000);
        long before = e.estimateBps();
        run(e, clock, 500, 2000, 800_000); // the queue grows 2 ms per 10 ms packet
        assertThat(e.usage()).isEqualTo(BandwidthUsage.OVERUSING);
        assertThat(e.estimateBps()).isLessThan(before).isLessThanOrEqualTo(680_000);
    }

    @Test
    void drainingQueueIsUnderuseAndHolds() {
        DelayBasedEstimator e = new DelayBasedEstimator(1_000_000, 50_000, 5_000_000);
        long[] clock = {0, 200 * MS};
        run(e, clock, 1000, 0, 1_000_000);
        run(e, clock, 300, -3000, 1_000_000);
        assertThat(e.usage()).isEqualTo(BandwidthUsage.UNDERUSING);
        long held = e.estimateBps();
        run(e, clock, 200, -3000, 1_000_000);
        assertThat(e.estimateBps()).isEqualTo(held);
    }

    @Test
    void probeResultRaisesTheEstimate() {
        DelayBasedEstimator e = new DelayBasedEstimator(300_000, 50_000, 5_000_000);
        e.onProbeResult(1_200_000);
        assertThat(e.estimateBps()).isEqualTo(1_200_000);
        e.onProbeResult(900_000);
        assertThat(e.estimateBps()).isEqualTo(1_200_000);
    }
}
