package org.opensfu.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AcknowledgedBitrateEstimatorTest {
    private static final long MS = 1_000_000;

    @Test
    void measuresTheRateOfReceivedBytes() {
        AcknowledgedBitrateEstimator acked = new AcknowledgedBitrateEstimator(1024);
        for (int i = 0; i < 250; i++) { // 1000 bytes every 8 ms: 1 Mbps
            acked.onPacketReceived(i * 8 * MS, 1000);
        }
        assertThat(acked.bitrateBps()).isCloseTo(1_000_000L, within(20_000L));
    }

    @Test
    void unknownUntilEnoughTimeWasSeen() {
        AcknowledgedBitrateEstimator acked = new AcknowledgedBitrateEstimator(1024);
        assertThat(acked.bitrateBps()).isZero();
        for (int i = 0; i < 18; i++) {
            acked.onPacketReceived(i * 8 * MS, 1000);
        }
        assertThat(acked.bitrateBps()).isZero(); // 136 ms
        acked.onPacketReceived(20 * 8 * MS, 1000);
        assertThat(acked.bitrateBps()).isPositive();
    }

    @Test
    void followsARateChangeWithinTheWindow() {
        AcknowledgedBitrateEstimator acked = new AcknowledgedBitrateEstimator(1024);
        long t = 0;
        for (int i = 0; i < 250; i++, t += 8 * MS) {
            acked.onPacketReceived(t, 1000); // 1 Mbps
        }
        for (int i = 0; i < 70; i++, t += 16 * MS) {
            acked.onPacketReceived(t, 1000); // 500 kbps for 1.1 s
        }
        assertThat(acked.bitrateBps()).isCloseTo(500_000L, within(20_000L));
    }

    @Test
    void aFullRingMeasuresOverTheSpanItHolds() {
        AcknowledgedBitrateEstimator acked = new AcknowledgedBitrateEstimator(64);
        for (int i = 0; i < 1000; i++) { // the last 64 packets span 315 ms of the 500 ms window
            acked.onPacketReceived(i * 5 * MS, 1250); // 2 Mbps
        }
        assertThat(acked.bitrateBps()).isCloseTo(2_000_000L, within(100_000L));
    }

    @Test
    void survivesArrivalsGoingBackwards() {
        AcknowledgedBitrateEstimator acked = new AcknowledgedBitrateEstimator(64);
        for (int i = 0; i < 500; i++) {
            acked.onPacketReceived(i % 2 == 0 ? i * MS : -i * 1_000 * MS, 1000);
        }
        assertThat(acked.bitrateBps()).isNotNegative();
    }
}
