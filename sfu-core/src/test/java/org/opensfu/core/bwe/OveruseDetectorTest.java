package org.opensfu.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OveruseDetectorTest {
    private static final long MS = 1_000_000;
    private final OveruseDetector detector = new OveruseDetector();
    private long now;

    private BandwidthUsage detect(double trend) {
        now += 5 * MS;
        return detector.detect(trend, 5, now);
    }

    @Test
    void smallTrendsAreNormal() {
        for (int i = 0; i < 100; i++) {
            assertThat(detect(i % 2 == 0 ? 5 : -5)).isEqualTo(BandwidthUsage.NORMAL);
        }
    }

    @Test
    void overuseNeedsTheTrendAboveTheThresholdForMoreThanTenMilliseconds() {
        assertThat(detect(20)).isEqualTo(BandwidthUsage.NORMAL); // 2.5 ms over
        assertThat(detect(21)).isEqualTo(BandwidthUsage.NORMAL); // 7.5 ms
        assertThat(detect(22)).isEqualTo(BandwidthUsage.OVERUSING); // 12.5 ms, two samples, rising
    }

    @Test
    void aFallingTrendAboveTheThresholdIsNotANewOveruse() {
        detect(25);
        detect(24);
        assertThat(detect(23)).isEqualTo(BandwidthUsage.NORMAL);
        assertThat(detect(23.5)).isEqualTo(BandwidthUsage.OVERUSING);
    }

    @Test
    void aTrendBelowMinusTheThresholdIsUnderuse() {
        assertThat(detect(-20)).isEqualTo(BandwidthUsage.UNDERUSING);
        assertThat(detect(0)).isEqualTo(BandwidthUsage.NORMAL);
    }

    @Test
    void thresholdRisesTowardsASustainedTrendAndComesBack() {
        double start = detector.thresholdMillis();
        for (int i = 0; i < 200; i++) { // 1 s of |m| = 25, within the spike limit
            detect(i % 2 == 0 ? 25 : -25);
        }
        double raised = detector.thresholdMillis();
        assertThat(raised).isGreaterThan(start + 10).isLessThanOrEqualTo(25);
        for (int i = 0; i < 600; i++) { // 3 s of calm
            detect(0);
        }
        assertThat(detector.thresholdMillis()).isLessThan(raised / 2);
        for (int i = 0; i < 2000; i++) {
            detect(0);
        }
        assertThat(detector.thresholdMillis()).isCloseTo(OveruseDetector.MIN_THRESHOLD, within(0.01));
    }

    @Test
    void spikesDoNotMoveTheThreshold() {
        double start = detector.thresholdMillis();
        detect(start + 16);
        detect(start + 100);
        assertThat(detector.thresholdMillis()).isEqualTo(start);
    }

    @Test
    void thresholdIsCappedAndIgnoresGarbage() {
        double m = 20;
        for (int i = 0; i < 100_000; i++) {
            m = detector.thresholdMillis() + 10;
            detect(i % 2 == 0 ? m : -m);
        }
        assertThat(detector.thresholdMillis()).isEqualTo(OveruseDetector.MAX_THRESHOLD);
        BandwidthUsage before = detector.usage();
        assertThat(detector.detect(Double.NaN, 5, now)).isEqualTo(before);
        assertThat(detector.detect(Double.POSITIVE_INFINITY, 5, now)).isEqualTo(before);
    }
}
