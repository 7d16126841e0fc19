package org.opensfu.core.bwe;

/**
 * A request to send a burst of packets at {@code bitrateBps} to find out whether the path carries it
 * (draft-ietf-rmcat-gcc-02 leaves ramp-up to the sender; probing is how a raised capacity is found quickly).
 *
 * <p>The caller sends at least {@code minPackets} packets spanning about {@code durationNanos}, at {@code bitrateBps}
 * in total, and stamps each of them with {@code id} in {@link SendSideBandwidthEstimator#onPacketSent}. Padding or
 * RTX fills the cluster; media packets sent during it may be stamped too, as long as the stamped packets together go
 * out at the cluster's rate.
 *
 * @param id            cluster id, 0 or more, to pass to {@code onPacketSent}
 * @param bitrateBps    rate to send the cluster at, bits per second
 * @param durationNanos how long to send for, at least
 * @param minPackets    how many packets to send, at least
 */
public record ProbeCluster(int id, long bitrateBps, long durationNanos, int minPackets) {
    public ProbeCluster {
        if (id < 0 || bitrateBps <= 0 || durationNanos <= 0 || minPackets <= 0) {
            throw new IllegalArgumentException("invalid probe cluster " + id + " " + bitrateBps + " "
                    + durationNanos + " " + minPackets);
        }
    }

    /** Packets of {@code packetBytes} to send: enough for the duration at the rate, and at least the minimum. */
    public int packetCount(int packetBytes) {
        long bytes = bitrateBps * durationNanos / 8 / 1_000_000_000L;
        long packets = (bytes + Math.max(1, packetBytes) - 1) / Math.max(1, packetBytes);
        return (int) Math.max(minPackets, Math.min(packets, 10_000));
    }

    /** Time between the starts of two packets of {@code packetBytes} at the cluster's rate. */
    public long packetIntervalNanos(int packetBytes) {
        return Math.max(1, Math.max(1, packetBytes) * 8L * 1_000_000_000L / bitrateBps);
    }
}
