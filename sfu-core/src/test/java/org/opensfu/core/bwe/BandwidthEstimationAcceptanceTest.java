package org.opensfu.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensfu.core.bwe.BottleneckSimulation.MS;
import static org.opensfu.core.bwe.BottleneckSimulation.SECOND;

import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The estimator in a closed loop with a simulated bottleneck ({@link BottleneckSimulation}), in virtual time: it must
 * follow capacity steps, survive random loss, and ramp up from its initial estimate.
 */
class BandwidthEstimationAcceptanceTest {
    private static final long ONE_WAY_DELAY = 30 * MS;
    private static final long QUEUE_LIMIT = 300 * MS;

    @ParameterizedTest(name = "one-way delay {0} ms")
    @ValueSource(ints = {20, 30, 40})
    void followsCapacityStepsWithinTenSeconds(int oneWayMillis) {
        long[] stepTimes = {0, 20 * SECOND, 40 * SECOND, 60 * SECOND, 80 * SECOND};
        long[] capacities = {2_000_000, 500_000, 3_000_000, 300_000, 2_500_000};
        LongUnaryOperator capacity = t -> {
            int i = 0;
            while (i + 1 < stepTimes.length && t >= stepTimes[i + 1]) {
                i++;
            }
            return capacities[i];
        };
        SendSideBandwidthEstimator estimator = new SendSideBandwidthEstimator(BweConfig.defaults());
        BottleneckSimulation sim = new BottleneckSimulation(estimator, capacity, 5_000_000, oneWayMillis * MS,
                QUEUE_LIMIT, 0, 1);
        long start = System.nanoTime();
        List<BottleneckSimulation.Sample> samples = sim.run(100 * SECOND, 100 * MS);
        long realMillis = (System.nanoTime() - start) / 1_000_000;

        System.out.printf("capacity steps, one-way delay %d ms: 100 s simulated in %d ms, %d packets,"
                + " %d probe clusters, %d queue drops%n", oneWayMillis, realMillis, sim.sentPackets(),
                sim.probeClusters(), sim.droppedByQueue());
        System.out.print(BottleneckSimulation.table(samples, 2 * SECOND));
        for (int k = 0; k < stepTimes.length; k++) {
            long from = stepTimes[k];
            long to = k + 1 < stepTimes.length ? stepTimes[k + 1] : 100 * SECOND + 1;
            long c = capacities[k];
            long lastOutside = -1;
            long aboveHalfAgain = 0;
            for (BottleneckSimulation.Sample s : samples) {
                if (s.timeNanos() < from || s.timeNanos() >= to) {
                    continue;
                }
                if (Math.abs(s.targetBps() - c) > 0.2 * c) {
                    lastOutside = s.timeNanos();
                }
                if (s.targetBps() > 1.5 * c) {
                    aboveHalfAgain += 100 * MS;
                }
            }
            long settle = lastOutside < 0 ? 0 : lastOutside + 100 * MS - from;
            System.out.printf("step at %3d s to %4d kbps: within ±20%% after %.1f s, above 1.5x for %.1f s%n",
                    from / SECOND, c / 1000, settle / 1e9, aboveHalfAgain / 1e9);
            assertThat(settle).as("settling after the step at %d s", from / SECOND).isLessThanOrEqualTo(10 * SECOND);
            assertThat(aboveHalfAgain).as("time far above capacity after %d s", from / SECOND)
                    .isLessThanOrEqualTo(1500 * MS);
        }
        // virtual time: a guard against a hang or a sleep sneaking in, not a speed test (that is benchmarks' job)
        assertThat(realMillis).as("real time for 100 simulated seconds").isLessThan(30_000);
    }

    @Test
    void rampsUpFromTheInitialEstimateWithinTenSeconds() {
        SendSideBandwidthEstimator estimator = new SendSideBandwidthEstimator(BweConfig.defaults());
        assertThat(estimator.targetBitrateBps()).isEqualTo(300_000);
        BottleneckSimulation sim = new BottleneckSimulation(estimator, t -> 2_500_000, 2_500_000, ONE_WAY_DELAY,
                QUEUE_LIMIT, 0, 2);
        List<BottleneckSimulation.Sample> samples = sim.run(20 * SECOND, 100 * MS);
        System.out.printf("ramp-up from 300 kbps to 2.5 Mbps capacity and demand, %d probe clusters%n",
                sim.probeClusters());
        System.out.print(BottleneckSimulation.table(samples.subList(0, 31), 200 * MS));
        long reached = samples.stream().filter(s -> s.targetBps() >= 2_000_000).mapToLong(
                BottleneckSimulation.Sample::timeNanos).findFirst().orElse(Long.MAX_VALUE);
        System.out.printf("reached 2 Mbps after %.1f s%n", reached / 1e9);
        assertThat(reached).isLessThanOrEqualTo(10 * SECOND);
        assertThat(samples.stream().filter(s -> s.timeNanos() >= 10 * SECOND))
                .allSatisfy(s -> assertThat(s.targetBps()).isBetween(1_800_000L, 3_000_000L));
    }

    @Test
    void twoPercentRandomLossDoesNotCollapseTheEstimate() {
        List<BottleneckSimulation.Sample> samples = randomLoss(0.02);
        assertThat(samples.stream().filter(s -> s.timeNanos() >= 10 * SECOND))
                .allSatisfy(s -> assertThat(s.targetBps()).isGreaterThanOrEqualTo(2_000_000L));
    }

    @Test
    void eightPercentRandomLossReducesTheEstimateWithoutCollapse() {
        List<BottleneckSimulation.Sample> lossy = randomLoss(0.08);
        double lossyMean = mean(lossy, 30 * SECOND);
        double cleanMean = mean(randomLoss(0), 30 * SECOND);
        System.out.printf("mean estimate over 30-60 s: %.0f kbps at 8%% loss, %.0f kbps without loss%n",
                lossyMean / 1000, cleanMean / 1000);
        assertThat(lossyMean).isLessThan(0.9 * cleanMean);
        assertThat(lossy.stream().filter(s -> s.timeNanos() >= 10 * SECOND))
                .allSatisfy(s -> assertThat(s.targetBps()).isGreaterThanOrEqualTo(300_000L));
    }

    private static List<BottleneckSimulation.Sample> randomLoss(double loss) {
        SendSideBandwidthEstimator estimator = new SendSideBandwidthEstimator(BweConfig.defaults());
        BottleneckSimulation sim = new BottleneckSimulation(estimator, t -> 10_000_000, 2_500_000, ONE_WAY_DELAY,
                QUEUE_LIMIT, loss, 3);
        List<BottleneckSimulation.Sample> samples = sim.run(60 * SECOND, 100 * MS);
        System.out.printf("random loss %.0f%% (capacity 10 Mbps, demand 2.5 Mbps): %d dropped of %d%n", loss * 100,
                sim.droppedAtRandom(), sim.sentPackets());
        System.out.print(BottleneckSimulation.table(samples, 5 * SECOND));
        return samples;
    }

    private static double mean(List<BottleneckSimulation.Sample> samples, long fromNanos) {
        return samples.stream().filter(s -> s.timeNanos() >= fromNanos)
                .mapToLong(BottleneckSimulation.Sample::targetBps).average().orElse(0);
    }
}
