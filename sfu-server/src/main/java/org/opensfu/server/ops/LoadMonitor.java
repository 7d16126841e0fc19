package org.opensfu.server.ops;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.opensfu.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the load signal (process CPU and packet rate) once a second and says when the server is overloaded, per
 * the {@code sfu.load} thresholds. Readiness, {@code GET /api/v1/load} and the {@code sfu_load_*} metrics read it.
 */
public final class LoadMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(LoadMonitor.class);

    private final ServerConfig.Load limits;
    private final LongSupplier packetTotal;
    private final DoubleSupplier processCpu;
    private final LongSupplier nanoTime;
    private long lastPackets = -1;
    private long lastNanos;
    private volatile LoadSample current = LoadSample.IDLE;

    /**
     * @param packetTotal packets received plus sent since start (monotonic)
     * @param processCpu  this process's recent CPU use, 0 to 1 (negative when unknown)
     * @param nanoTime    a monotonic clock
     */
    public LoadMonitor(ServerConfig.Load limits, LongSupplier packetTotal, DoubleSupplier processCpu,
                       LongSupplier nanoTime) {
        this.limits = limits;
        this.packetTotal = packetTotal;
        this.processCpu = processCpu;
        this.nanoTime = nanoTime;
    }

    /** The JVM's own reading of this process's CPU use. */
    public static double jvmProcessCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuLoad();
        }
        return -1;
    }

    /** Takes a sample; call it about once a second from one thread. */
    public synchronized void sample() {
        long nowNanos = nanoTime.getAsLong();
        long packets = packetTotal.getAsLong();
        double rate = 0;
        if (lastPackets >= 0 && nowNanos > lastNanos) {
            rate = Math.max(0, packets - lastPackets) * 1e9 / (nowNanos - lastNanos);
        }
        lastPackets = packets;
        lastNanos = nowNanos;
        double cpu = Math.max(0, processCpu.getAsDouble());
        double stress = cpu / limits.maxCpu();
        if (limits.maxPacketsPerSecond() > 0) {
            stress = Math.max(stress, rate / limits.maxPacketsPerSecond());
        }
        LoadSample sample = new LoadSample(cpu, rate, stress);
        if (sample.overloaded() != current.overloaded()) {
            LOG.warn(sample.overloaded() ? "overloaded: {}; not ready for new rooms" : "load back to normal: {}",
                    describe(sample));
        }
        current = sample;
    }

    public LoadSample current() {
        return current;
    }

    /** Why the server is overloaded, or null when it is not. */
    public String overloadReason() {
        LoadSample sample = current;
        return sample.overloaded() ? "overloaded: " + describe(sample) : null;
    }

    private String describe(LoadSample sample) {
        return String.format(Locale.ROOT, "CPU %.0f%% (limit %.0f%%), %.0f packets/s (limit %s)", sample.cpu() * 100,
                limits.maxCpu() * 100, sample.packetsPerSecond(),
                limits.maxPacketsPerSecond() > 0 ? Long.toString(limits.maxPacketsPerSecond()) : "none");
    }
}
