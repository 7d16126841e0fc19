package org.opensfu.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinkCapacityEstimatorTest {
    private final LinkCapacityEstimator capacity = new LinkCapacityEstimator();

    @Test
    void unknownUntilTheFirstSample() {
        assertThat(capacity.isKnown()).isFalse();
        assertThat(capacity.upperBoundBps()).isInfinite();
        assertThat(capacity.lowerBoundBps()).isZero();
        capacity.onOveruse(0);
        capacity.onOveruse(Double.NaN);
        assertThat(capacity.isKnown()).isFalse();
    }

    @Test
    void averagesSamplesWithinTheBand() {
        capacity.onOveruse(1_000_000);
        assertThat(capacity.averageBps()).isEqualTo(1_000_000);
        assertThat(capacity.upperBoundBps()).isCloseTo(1_300_000, within(1.0));
        capacity.onOveruse(1_100_000);
        assertThat(capacity.averageBps()).isCloseTo(1_005_000, within(1.0));
    }

    @Test
    void aSampleOutsideTheBandRestartsTheAverage() {
        capacity.onOveruse(1_000_000);
        capacity.onOveruse(400_000);
        assertThat(capacity.averageBps()).isEqualTo(400_000);
    }

    @Test
    void theBandNeverNarrowsBelowFifteenPercent() {
        for (int i = 0; i < 1000; i++) {
            capacity.onOveruse(1_000_000);
        }
        assertThat(capacity.relativeDeviation()).isEqualTo(LinkCapacityEstimator.MIN_RELATIVE_DEVIATION);
        assertThat(capacity.lowerBoundBps()).isCloseTo(850_000, within(1.0));
        capacity.reset();
        assertThat(capacity.isKnown()).isFalse();
    }
}
