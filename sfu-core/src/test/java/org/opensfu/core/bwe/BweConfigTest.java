package org.opensfu.core.bwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BweConfigTest {

    @Test
    void defaultsStartAt300Kbps() {
        BweConfig c = BweConfig.defaults();
        assertThat(c.initialBps()).isEqualTo(300_000);
        assertThat(c.minBps()).isLessThan(c.initialBps());
        assertThat(c.maxBps()).isGreaterThan(c.initialBps());
        assertThat(c.probingEnabled()).isTrue();
    }

    @Test
    void rejectsInconsistentLimits() {
        assertThatThrownBy(() -> BweConfig.of(100, 0, 1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BweConfig.of(100, 200, 1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BweConfig.of(100, 50, 80)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BweConfig(100, 50, 1000, 1000, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void probeClusterSizesItsPackets() {
        ProbeCluster c = new ProbeCluster(1, 2_400_000, 30_000_000, 5);
        assertThat(c.packetCount(1200)).isEqualTo(8); // 9000 bytes in 30 ms
        assertThat(new ProbeCluster(1, 600_000, 30_000_000, 5).packetCount(1200)).isEqualTo(5);
        assertThat(c.packetIntervalNanos(1200)).isEqualTo(4_000_000);
        assertThatThrownBy(() -> new ProbeCluster(-1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
