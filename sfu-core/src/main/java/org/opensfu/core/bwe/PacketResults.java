package org.opensfu.core.bwe;

/**
 * The packets one transport-cc feedback newly told us about, in sequence order, as parallel primitive arrays that are
 * reused for every feedback: send time (sender clock), arrival time (on the receiver's clock, extended to a continuous
 * nanosecond timeline) or {@link #LOST}, size and probe cluster. Filled by {@link TransportFeedbackAdapter}.
 */
public final class PacketResults {
    /** Arrival time of a packet reported lost. */
    public static final long LOST = Long.MIN_VALUE;

    final long[] sequences;
    final long[] sendNanos;
    final long[] arrivalNanos;
    final int[] sizes;
    final int[] probeIds;
    int count;
    int receivedCount;
    int lostCount;
    int lateCount;

    PacketResults(int capacity) {
        sequences = new long[capacity];
        sendNanos = new long[capacity];
        arrivalNanos = new long[capacity];
        sizes = new int[capacity];
        probeIds = new int[capacity];
    }

    void clear() {
        count = 0;
        receivedCount = 0;
        lostCount = 0;
        lateCount = 0;
    }

    void add(long sequence, long sendNanos, long arrivalNanos, int sizeBytes, int probeId) {
        int i = count++;
        sequences[i] = sequence;
        this.sendNanos[i] = sendNanos;
        this.arrivalNanos[i] = arrivalNanos;
        sizes[i] = sizeBytes;
        probeIds[i] = probeId;
        if (arrivalNanos == LOST) {
            lostCount++;
        } else {
            receivedCount++;
        }
    }

    /** Packets in this batch. */
    public int count() {
        return count;
    }

    /** Packets newly reported received (including ones an earlier feedback reported lost). */
    public int receivedCount() {
        return receivedCount;
    }

    /** Packets among {@link #receivedCount()} that an earlier feedback had reported lost. */
    public int lateCount() {
        return lateCount;
    }

    /** Packets newly reported lost. */
    public int lostCount() {
        return lostCount;
    }

    public long sequence(int i) {
        return sequences[i];
    }

    public long sendNanos(int i) {
        return sendNanos[i];
    }

    /** Arrival on the receiver's timeline, or {@link #LOST}. */
    public long arrivalNanos(int i) {
        return arrivalNanos[i];
    }

    public boolean received(int i) {
        return arrivalNanos[i] != LOST;
    }

    public int sizeBytes(int i) {
        return sizes[i];
    }

    /** Probe cluster id or {@link SentPacketHistory#NO_PROBE}. */
    public int probeId(int i) {
        return probeIds[i];
    }
}
