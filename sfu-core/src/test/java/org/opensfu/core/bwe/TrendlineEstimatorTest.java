package org.opensfu.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TrendlineEstimatorTest {
    private static final long MS = 1_000_000;
    private final TrendlineEstimator trendline = new TrendlineEstimator();

    @Test
    void constantDelayHasNoTrend() {
        for (int i = 0; i < 100; i++) {
            trendline.update(0, i * 10 * MS);
        }
        assertThat(trendline.slope()).isZero();
        assertThat(trendline.modifiedTrend()).isZero();
    }

    @Test
    void noTrendUntilTheWindowIsFull() {
        for (int i = 0; i < TrendlineEstimator.WINDOW - 1; i++) {
            assertThat(trendline.update(5, i * 10 * MS)).isZero();
        }
        assertThat(trendline.update(5, 1000 * MS)).isPositive();
    }

    @Test
    void growingDelayHasThePositiveSlopeOfTheQueue() {
        // each 10 ms group arrives 1 ms later than it was sent, relative to the previous: queue grows 0.1 ms/ms
        for (int i = 0; i < 200; i++) {
            trendline.update(1.0, i * 10 * MS);
        }
        assertThat(trendline.slope()).isCloseTo(0.1, within(0.005));
        assertThat(trendline.modifiedTrend()).isCloseTo(0.1 * 60 * 4, within(1.5));
        assertThat(trendline.modifiedTrend()).isGreaterThan(OveruseDetector.INITIAL_THRESHOLD);
    }

    @Test
    void drainingQueueHasANegativeSlope() {
        for (int i = 0; i < 100; i++) {
            trendline.update(-1.0, i * 10 * MS);
        }
        assertThat(trendline.slope()).isCloseTo(-0.1, within(0.005));
        assertThat(trendline.modifiedTrend()).isLessThan(-OveruseDetector.INITIAL_THRESHOLD);
    }

    @Test
    void jitterAroundAConstantDelayStaysBelowTheThreshold() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        double delay = 0;
        for (int i = 0; i < 1000; i++) {
            double next = random.nextDouble(0, 4); // 0-4 ms jitter on a fixed path
            trendline.update(next - delay, i * 20 * MS);
            delay = next;
            if (i > 100) {
                assertThat(Math.abs(trendline.modifiedTrend())).isLessThan(OveruseDetector.INITIAL_THRESHOLD);
            }
        }
    }

    @Test
    void resetForgetsTheWindow() {
        for (int i = 0; i < 50; i++) {
            trendline.update(1.0, i * 10 * MS);
        }
        trendline.reset();
        assertThat(trendline.windowSize()).isZero();
        assertThat(trendline.modifiedTrend()).isZero();
        assertThat(trendline.update(Double.NaN, 0)).isZero();
    }
}
