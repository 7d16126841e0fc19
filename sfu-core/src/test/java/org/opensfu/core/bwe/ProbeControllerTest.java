package org.opensfu.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProbeControllerTest {
    private static final long MS = 1_000_000;
    private static final long MAX = 20_000_000;
    private final ProbeController prober = new ProbeController();

    @Test
    void probesAtTwiceTheEstimateAtOnceWhenMoreIsWanted() {
        ProbeCluster c = prober.probeIfWanted(0, 2_500_000, 300_000, MAX);
        assertThat(c).isNotNull();
        assertThat(c.bitrateBps()).isEqualTo(600_000);
        assertThat(c.minPackets()).isEqualTo(ProbeController.MIN_PACKETS);
        assertThat(c.durationNanos()).isEqualTo(ProbeController.PROBE_DURATION_MILLIS * MS);
        assertThat(prober.isProbing()).isTrue();
        assertThat(prober.probeIfWanted(10 * MS, 2_500_000, 300_000, MAX)).isNull(); // one at a time
    }

    @Test
    void doesNotProbeWhenTheEstimateSuffices() {
        assertThat(prober.probeIfWanted(0, 300_000, 300_000, MAX)).isNull();
        assertThat(prober.probeIfWanted(0, 200_000, 300_000, MAX)).isNull();
        assertThat(prober.probeIfWanted(0, 2_000_000, 20_000_000, MAX)).isNull(); // at the maximum
    }

    @Test
    void probesNoHigherThanALittleAboveWhatIsWantedNorTheMaximum() {
        assertThat(prober.probeIfWanted(0, 1_000_000, 900_000, MAX).bitrateBps()).isEqualTo(1_200_000);
        ProbeController capped = new ProbeController();
        assertThat(capped.probeIfWanted(0, 50_000_000, 15_000_000, MAX).bitrateBps()).isEqualTo(MAX);
    }

    @Test
    void aSuccessfulProbeMayBeFollowedAtOnce() {
        ProbeCluster first = prober.probeIfWanted(0, 2_500_000, 300_000, MAX);
        prober.onProbeResult(first.id(), 590_000, 100 * MS);
        assertThat(prober.isProbing()).isFalse();
        assertThat(prober.successes()).isEqualTo(1);
        ProbeCluster second = prober.probeIfWanted(100 * MS, 2_500_000, 590_000, MAX);
        assertThat(second).isNotNull();
        assertThat(second.id()).isEqualTo(first.id() + 1);
        assertThat(second.bitrateBps()).isEqualTo(1_180_000);
    }

    @Test
    void failedProbesBackOffOneTwoFourSeconds() {
        long t = 0;
        long[] expectedGaps = {1000, 2000, 4000, 4000};
        ProbeCluster c = prober.probeIfWanted(t, 5_000_000, 1_000_000, MAX);
        for (long gap : expectedGaps) {
            prober.onProbeResult(c.id(), 1_100_000, t + 100 * MS); // the path took only 1.1 of the 2 Mbps
            long deadline = t + (ProbeController.PROBE_DURATION_MILLIS + ProbeController.RESULT_TIMEOUT_MILLIS) * MS;
            assertThat(prober.probeIfWanted(deadline - 1, 5_000_000, 1_000_000, MAX)).isNull();
            assertThat(prober.probeIfWanted(deadline, 5_000_000, 1_000_000, MAX)).isNull(); // failed now
            assertThat(prober.probeIfWanted(deadline + gap * MS - 1, 5_000_000, 1_000_000, MAX)).isNull();
            t = deadline + gap * MS;
            c = prober.probeIfWanted(t, 5_000_000, 1_000_000, MAX);
            assertThat(c).isNotNull();
        }
        assertThat(prober.failures()).isEqualTo(4);
    }

    @Test
    void resultsOfOtherClustersAreIgnored() {
        ProbeCluster c = prober.probeIfWanted(0, 5_000_000, 1_000_000, MAX);
        prober.onProbeResult(c.id() + 1, 10_000_000, 10 * MS);
        assertThat(prober.isProbing()).isTrue();
    }
}
