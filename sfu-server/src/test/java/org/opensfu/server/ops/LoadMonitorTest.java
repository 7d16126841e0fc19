package org.opensfu.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opensfu.server.config.ServerConfig;

class LoadMonitorTest {
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    private double cpu;
    private final LoadMonitor monitor = new LoadMonitor(new ServerConfig.Load(0.8, 1000), packets::get, () -> cpu,
            nanos::get);

    @Test
    void packetRateAndCpuAreComparedWithTheirLimits() {
        monitor.sample();
        assertThat(monitor.current()).isEqualTo(new LoadSample(0, 0, 0));
        advance(2_000_000_000L, 1000); // 500 packets/s
        cpu = 0.4;
        monitor.sample();
        assertThat(monitor.current().packetsPerSecond()).isEqualTo(500);
        assertThat(monitor.current().stress()).isEqualTo(0.5);
        assertThat(monitor.overloadReason()).isNull();

        advance(1_000_000_000L, 1500); // 1500 packets/s
        monitor.sample();
        assertThat(monitor.current().overloaded()).isTrue();
        assertThat(monitor.overloadReason()).contains("1500 packets/s").contains("limit 1000");

        advance(1_000_000_000L, 10);
        cpu = 0.9;
        monitor.sample();
        assertThat(monitor.current().stress()).isGreaterThan(1);
        assertThat(monitor.overloadReason()).contains("CPU 90%").contains("limit 80%");

        cpu = -1; // unknown
        advance(1_000_000_000L, 10);
        monitor.sample();
        assertThat(monitor.current().overloaded()).isFalse();
    }

    @Test
    void aZeroPacketLimitMeansOnlyCpuCounts() {
        LoadMonitor cpuOnly = new LoadMonitor(new ServerConfig.Load(0.5, 0), packets::get, () -> 0.25, nanos::get);
        cpuOnly.sample();
        advance(1_000_000_000L, 1_000_000);
        cpuOnly.sample();
        assertThat(cpuOnly.current().stress()).isEqualTo(0.5);
        assertThat(cpuOnly.current().overloaded()).isFalse();
    }

    private void advance(long byNanos, long byPackets) {
        nanos.addAndGet(byNanos);
        packets.addAndGet(byPackets);
    }
}
