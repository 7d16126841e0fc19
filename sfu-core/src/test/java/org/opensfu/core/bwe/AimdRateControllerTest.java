package org.opensfu.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AimdRateControllerTest {
    private static final long MS = 1_000_000;
    private final AimdRateController aimd = new AimdRateController(1_000_000, 50_000, 10_000_000);
    private long now;

    private long step(BandwidthUsage usage, long ackedBps) {
        now += 50 * MS;
        return aimd.update(usage, ackedBps, 100, now);
    }

    @Test
    void decreasesToBetaTimesTheAcknowledgedBitrate() {
        step(BandwidthUsage.NORMAL, 1_000_000);
        assertThat(step(BandwidthUsage.OVERUSING, 900_000)).isEqualTo(765_000);
        assertThat(aimd.capacity().isKnown()).isTrue();
        assertThat(aimd.capacity().averageBps()).isEqualTo(900_000);
    }

    @Test
    void overuseNeverRaisesTheEstimate() {
        step(BandwidthUsage.NORMAL, 1_000_000);
        long before = aimd.estimateBps();
        assertThat(step(BandwidthUsage.OVERUSING, 2_000_000)).isEqualTo(before);
    }

    @Test
    void decreasesAtMostOncePerRoundTrip() {
        step(BandwidthUsage.NORMAL, 1_000_000);
        now += 50 * MS;
        assertThat(aimd.update(BandwidthUsage.OVERUSING, 1_000_000, 200, now)).isEqualTo(850_000);
        now += 100 * MS;
        assertThat(aimd.update(BandwidthUsage.OVERUSING, 800_000, 200, now)).isEqualTo(850_000);
        now += 100 * MS;
        assertThat(aimd.update(BandwidthUsage.OVERUSING, 800_000, 200, now)).isEqualTo(680_000);
    }

    @Test
    void increasesAboutEightPercentPerSecondFarFromAnyKnownCapacity() {
        step(BandwidthUsage.NORMAL, 1_000_000);
        long start = aimd.estimateBps();
        for (int i = 0; i < 20; i++) {
            step(BandwidthUsage.NORMAL, 1_000_000);
        }
        assertThat((double) aimd.estimateBps() / start).isCloseTo(1.08, within(0.002));
    }

    @Test
    void increasesAdditivelyNearTheKnownCapacity() {
        step(BandwidthUsage.NORMAL, 1_000_000);
        step(BandwidthUsage.OVERUSING, 1_000_000); // capacity ~1 Mbps, estimate 850 kbps
        step(BandwidthUsage.NORMAL, 1_000_000); // decrease -> hold
        long start = aimd.estimateBps();
        // 850 kbps at 30 fps: 28.3 kbit frames of 3 packets, 9.4 kbit per 200 ms response time: 47 kbps per second
        assertThat(aimd.additiveIncreaseBpsPerSecond(100)).isCloseTo(47_222, within(1.0));
        assertThat(step(BandwidthUsage.NORMAL, 1_000_000) - start).isEqualTo(2361);
        for (int i = 1; i < 20; i++) {
            step(BandwidthUsage.NORMAL, 1_000_000);
        }
        // past 864 kbps frames take 4 packets and the step shrinks; far below the 68 kbps of 8% per second
        assertThat(aimd.estimateBps() - start).isBetween(35_000L, 47_222L);
    }

    @Test
    void forgetsTheCapacityOnceTheEstimateGoesWellPastIt() {
        step(BandwidthUsage.NORMAL, 1_000_000);
        step(BandwidthUsage.OVERUSING, 1_000_000);
        aimd.raiseTo(2_000_000);
        assertThat(aimd.capacity().isKnown()).isFalse();
        assertThat(aimd.estimateBps()).isEqualTo(2_000_000);
    }

    @Test
    void holdsOnUnderuseAndAfterADecrease() {
        step(BandwidthUsage.NORMAL, 1_000_000);
        long e = step(BandwidthUsage.UNDERUSING, 1_000_000);
        assertThat(step(BandwidthUsage.UNDERUSING, 1_000_000)).isEqualTo(e);
        long decreased = step(BandwidthUsage.OVERUSING, 1_000_000);
        assertThat(step(BandwidthUsage.NORMAL, 1_000_000)).isEqualTo(decreased); // decrease -> hold
        assertThat(step(BandwidthUsage.NORMAL, 1_000_000)).isGreaterThan(decreased); // hold -> increase
    }

    @Test
    void doesNotRunAwayFromWhatIsAcknowledged() {
        for (int i = 0; i < 400; i++) { // 20 s of increase while only 400 kbps go through
            step(BandwidthUsage.NORMAL, 400_000);
        }
        assertThat(aimd.estimateBps()).isEqualTo(1_000_000); // the cap (610 kbps) never lowers it
        AimdRateController low = new AimdRateController(300_000, 50_000, 10_000_000);
        long t = 0;
        for (int i = 0; i < 400; i++) {
            t += 50 * MS;
            low.update(BandwidthUsage.NORMAL, 200_000, 100, t);
        }
        assertThat(low.estimateBps()).isEqualTo(310_000);
    }

    @Test
    void staysWithinMinAndMax() {
        AimdRateController c = new AimdRateController(100_000, 90_000, 120_000);
        long t = 0;
        for (int i = 0; i < 100; i++) {
            t += 50 * MS;
            c.update(BandwidthUsage.NORMAL, 0, 100, t);
        }
        assertThat(c.estimateBps()).isEqualTo(120_000);
        t += 50 * MS;
        c.update(BandwidthUsage.OVERUSING, 10_000, 100, t);
        assertThat(c.estimateBps()).isEqualTo(90_000);
        c.raiseTo(Long.MAX_VALUE);
        assertThat(c.estimateBps()).isEqualTo(120_000);
    }

    @Test
    void raiseToOnlyRaises() {
        aimd.raiseTo(500_000);
        assertThat(aimd.estimateBps()).isEqualTo(1_000_000);
        aimd.raiseTo(1_500_000);
        assertThat(aimd.estimateBps()).isEqualTo(1_500_000);
    }
}
