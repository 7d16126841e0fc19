package org.opensfu.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProbeResultEstimatorTest {
    private static final long MS = 1_000_000;
    private final ProbeResultEstimator estimator = new ProbeResultEstimator();

    /** Sends 10 packets of 1200 bytes at 2 Mbps (4.8 ms apart) over a bottleneck of {@code capacityBps}. */
    private long cluster(int id, long capacityBps) {
        estimator.register(new ProbeCluster(id, 2_000_000, 40 * MS, 10));
        long result = -1;
        long linkFree = 0;
        for (int i = 0; i < 10; i++) {
            long send = 1_000 * MS + i * 4_800_000L;
            linkFree = Math.max(linkFree, send) + 1200 * 8 * 1_000_000_000L / capacityBps;
            result = estimator.onPacketReceived(id, send, linkFree + 30 * MS, 1200);
        }
        return result;
    }

    @Test
    void aClusterThePathCarriesMeasuresItsOwnRate() {
        assertThat(cluster(0, 10_000_000)).isCloseTo(2_000_000L, within(10_000L));
    }

    @Test
    void aClusterFasterThanThePathMeasuresThePath() {
        assertThat(cluster(1, 1_000_000)).isCloseTo(1_000_000L, within(10_000L));
        assertThat(cluster(2, 1_500_000)).isCloseTo(1_500_000L, within(15_000L));
    }

    @Test
    void needsMostOfTheMinimumPackets() {
        estimator.register(new ProbeCluster(3, 2_000_000, 40 * MS, 10));
        for (int i = 0; i < 7; i++) {
            assertThat(estimator.onPacketReceived(3, i * 4_800_000L, i * 4_800_000L + 30 * MS, 1200)).isEqualTo(-1);
        }
        assertThat(estimator.onPacketReceived(3, 7 * 4_800_000L, 7 * 4_800_000L + 30 * MS, 1200)).isPositive();
        assertThat(estimator.receivedCount(3)).isEqualTo(8);
    }

    @Test
    void ignoresUnregisteredClustersAndDegenerateSpans() {
        assertThat(estimator.onPacketReceived(5, 0, 0, 1200)).isEqualTo(-1);
        assertThat(estimator.onPacketReceived(-1, 0, 0, 1200)).isEqualTo(-1);
        estimator.register(new ProbeCluster(6, 2_000_000, 40 * MS, 2));
        estimator.onPacketReceived(6, 0, 10 * MS, 1200);
        assertThat(estimator.onPacketReceived(6, 0, 10 * MS, 1200)).isEqualTo(-1); // all at one instant
        assertThat(estimator.onPacketReceived(6, 5_000 * MS, 5_010 * MS, 1200)).isEqualTo(-1); // 5 s span
    }

    @Test
    void aNewerClusterTakesTheSlotOfAnOlderOne() {
        cluster(1, 10_000_000);
        estimator.register(new ProbeCluster(1 + ProbeResultEstimator.SLOTS, 2_000_000, 40 * MS, 10));
        assertThat(estimator.receivedCount(1)).isZero();
        assertThat(estimator.onPacketReceived(1, 0, 0, 1200)).isEqualTo(-1);
    }
}
