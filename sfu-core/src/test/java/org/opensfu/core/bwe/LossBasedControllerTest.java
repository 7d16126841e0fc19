package org.opensfu.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LossBasedControllerTest {
    private static final long MS = 1_000_000;
    private final LossBasedController loss = new LossBasedController();
    private long now;

    LossBasedControllerTest() {
        loss.onFeedback(0, 0, 0, 0, 1_000_000, 100); // opens the first window at 0
    }

    /** One second of feedback, 20 x 100 packets, {@code lostPer1000} of them lost. */
    private void second(int lostPer1000, long currentBps) {
        for (int i = 0; i < 20; i++) {
            now += 50 * MS;
            int lost = (int) ((i + 1) * 100L * lostPer1000 / 1000 - (long) i * 100 * lostPer1000 / 1000);
            loss.onFeedback(100 - lost, lost, 0, now, currentBps, 100);
        }
    }

    @Test
    void lowLossNeverLimits() {
        for (int s = 0; s < 10; s++) {
            second(15, 1_000_000);
            assertThat(loss.boundBps()).isEqualTo(LossBasedController.UNLIMITED);
        }
        assertThat(loss.lossFraction()).isCloseTo(0.015, within(0.002));
    }

    @Test
    void moderateLossHoldsTheCurrentRate() {
        second(50, 1_000_000);
        assertThat(loss.lossFraction()).isCloseTo(0.05, within(0.002));
        assertThat(loss.boundBps()).isEqualTo(1_000_000);
        second(50, 1_500_000); // the delay-based estimate grew; loss keeps the rate where it was
        assertThat(loss.boundBps()).isEqualTo(1_000_000);
        second(50, 800_000); // but follows it down
        assertThat(loss.boundBps()).isEqualTo(800_000);
        second(0, 1_500_000); // loss gone: no limit
        assertThat(loss.boundBps()).isEqualTo(LossBasedController.UNLIMITED);
    }

    @Test
    void highLossCutsByHalfTheLossFraction() {
        second(0, 1_000_000);
        second(200, 1_000_000);
        assertThat(loss.lossFraction()).isCloseTo(0.2, within(0.002));
        assertThat(loss.boundBps()).isCloseTo(900_000L, within(1_000L));
        assertThat(loss.isRecovering()).isTrue();
        second(200, 1_000_000);
        assertThat(loss.boundBps()).isCloseTo(810_000L, within(1_000L));
    }

    @Test
    void cutsFromTheRateSentWhenTheWindowOpened() {
        second(0, 2_000_000);
        // the window opens at 2 Mbps; the delay-based estimate has dropped to 500 kbps by the time it closes
        for (int i = 0; i < 20; i++) {
            now += 50 * MS;
            loss.onFeedback(70, 30, 0, now, i == 0 ? 2_000_000 : 500_000, 100);
        }
        assertThat(loss.boundBps()).isCloseTo(1_700_000L, within(1_000L)); // no second cut below 500 kbps
    }

    @Test
    void recoversEightPercentPerSecondUntilItStopsLimiting() {
        second(0, 1_000_000);
        second(300, 1_000_000);
        long cut = loss.boundBps();
        assertThat(cut).isCloseTo(850_000L, within(1_000L));
        second(0, 1_000_000);
        assertThat(loss.boundBps()).isCloseTo((long) (cut * 1.08 + 1000), within(3_000L));
        for (int s = 0; s < 5; s++) {
            second(0, 1_000_000);
        }
        assertThat(loss.boundBps()).isEqualTo(LossBasedController.UNLIMITED);
        assertThat(loss.isRecovering()).isFalse();
    }

    @Test
    void aProbeThatGotThroughLiftsARecoveringBound() {
        second(0, 1_000_000);
        second(300, 1_000_000);
        loss.onProbeResult(950_000, 1_000_000);
        assertThat(loss.boundBps()).isEqualTo(950_000);
        loss.onProbeResult(2_000_000, 1_000_000);
        assertThat(loss.boundBps()).isEqualTo(LossBasedController.UNLIMITED);
    }

    @Test
    void aWindowNeedsASecondAndFiftyPackets() {
        for (int i = 0; i < 19; i++) {
            now += 50 * MS;
            assertThat(loss.onFeedback(0, 100, 0, now, 1_000_000, 100)).isFalse();
        }
        // slow stream: 2 packets per 50 ms -> 50 packets take 1.25 s
        LossBasedController slow = new LossBasedController();
        long t = 0;
        int closedAfter = -1;
        for (int i = 0; i < 40 && closedAfter < 0; i++) {
            t += 50 * MS;
            if (slow.onFeedback(1, 1, 0, t, 300_000, 100)) {
                closedAfter = i + 1;
            }
        }
        assertThat(closedAfter).isEqualTo(25);
        assertThat(slow.lossFraction()).isEqualTo(0.5);
    }

    @Test
    void lateArrivalsAreNotLosses() {
        for (int i = 0; i < 21; i++) {
            now += 50 * MS;
            loss.onFeedback(90, 10, 10, now, 1_000_000, 100);
        }
        assertThat(loss.lossFraction()).isZero();
    }
}
