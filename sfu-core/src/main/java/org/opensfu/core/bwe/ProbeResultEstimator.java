package org.opensfu.core.bwe;

/**
 * Measures what rate a probe cluster got through: from the cluster's received packets, the send rate (bytes but the
 * last packet's over the send span) and the receive rate (bytes but the first arrival's over the arrival span). If
 * the path carried the cluster's rate, both agree; if not, packets spread out in the bottleneck queue and the receive
 * rate is what the path delivers. The result is the lower of the two.
 *
 * <p>Only registered clusters are measured, in {@value #SLOTS} slots (a newer cluster takes the slot of an older
 * one). A result is available once at least {@value #MIN_RECEIVED_RATIO} of the cluster's minimum packet count was
 * received, with spans of at least {@value #MIN_SPAN_MICROS} µs and at most {@value #MAX_SPAN_MILLIS} ms. No
 * allocation after construction.
 */
public final class ProbeResultEstimator {
    static final int SLOTS = 8;
    static final double MIN_RECEIVED_RATIO = 0.8;
    static final long MIN_SPAN_MICROS = 500;
    static final long MAX_SPAN_MILLIS = 1000;

    private final int[] ids = new int[SLOTS];
    private final int[] minPackets = new int[SLOTS];
    private final int[] received = new int[SLOTS];
    private final long[] bytes = new long[SLOTS];
    private final long[] firstSendNanos = new long[SLOTS];
    private final long[] lastSendNanos = new long[SLOTS];
    private final int[] lastSendSize = new int[SLOTS];
    private final long[] firstArrivalNanos = new long[SLOTS];
    private final int[] firstArrivalSize = new int[SLOTS];
    private final long[] lastArrivalNanos = new long[SLOTS];

    public ProbeResultEstimator() {
        java.util.Arrays.fill(ids, -1);
    }

    /** Starts measuring a cluster the prober asked for. */
    public void register(ProbeCluster cluster) {
        int s = cluster.id() % SLOTS;
        ids[s] = cluster.id();
        minPackets[s] = cluster.minPackets();
        received[s] = 0;
        bytes[s] = 0;
    }

    /**
     * Adds a received packet of probe cluster {@code probeId}; returns the cluster's measured rate so far in bits per
     * second, or -1 if it is not registered or not measurable yet.
     */
    public long onPacketReceived(int probeId, long sendNanos, long arrivalNanos, int sizeBytes) {
        if (probeId < 0) {
            return -1;
        }
        int s = probeId % SLOTS;
        if (ids[s] != probeId) {
            return -1;
        }
        int size = Math.max(0, sizeBytes);
        if (received[s] == 0) {
            firstSendNanos[s] = sendNanos;
            lastSendNanos[s] = sendNanos;
            lastSendSize[s] = size;
            firstArrivalNanos[s] = arrivalNanos;
            firstArrivalSize[s] = size;
            lastArrivalNanos[s] = arrivalNanos;
        } else {
            if (sendNanos < firstSendNanos[s]) {
                firstSendNanos[s] = sendNanos;
            }
            if (sendNanos >= lastSendNanos[s]) {
                lastSendNanos[s] = sendNanos;
                lastSendSize[s] = size;
            }
            if (arrivalNanos < firstArrivalNanos[s]) {
                firstArrivalNanos[s] = arrivalNanos;
                firstArrivalSize[s] = size;
            }
            if (arrivalNanos > lastArrivalNanos[s]) {
                lastArrivalNanos[s] = arrivalNanos;
            }
        }
        received[s]++;
        bytes[s] += size;
        return estimate(s);
    }

    private long estimate(int s) {
        if (received[s] < Math.max(2, Math.ceil(MIN_RECEIVED_RATIO * minPackets[s]))) {
            return -1;
        }
        long sendSpan = lastSendNanos[s] - firstSendNanos[s];
        long arrivalSpan = lastArrivalNanos[s] - firstArrivalNanos[s];
        long min = MIN_SPAN_MICROS * 1000;
        long max = MAX_SPAN_MILLIS * 1_000_000;
        if (sendSpan < min || arrivalSpan < min || sendSpan > max || arrivalSpan > max) {
            return -1;
        }
        double sendBps = (bytes[s] - lastSendSize[s]) * 8e9 / sendSpan;
        double receiveBps = (bytes[s] - firstArrivalSize[s]) * 8e9 / arrivalSpan;
        double result = Math.min(sendBps, receiveBps);
        return result > 0 ? (long) result : -1;
    }

    /** Packets of cluster {@code id} received so far (0 if unknown). */
    public int receivedCount(int id) {
        int s = Math.floorMod(id, SLOTS);
        return ids[s] == id ? received[s] : 0;
    }
}
