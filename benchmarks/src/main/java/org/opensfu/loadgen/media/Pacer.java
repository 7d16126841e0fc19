package org.opensfu.loadgen.media;

import org.opensfu.core.buffer.PacketBuffer;

/**
 * Spreads video packets over time the way libwebrtc's paced sender does (it sends at a multiple, 2.5 by default, of
 * the target bitrate), instead of a whole frame in one burst: a byte budget grows at the pacing rate and queued
 * packets leave in order while it is positive. The budget never saves up more than {@value #MAX_BURST_MILLIS} ms of
 * sending, so an idle period does not turn into a burst. A fixed ring of built packets; when it is full a packet
 * leaves at once. Confined to one media loop.
 */
final class Pacer {
    static final int CAPACITY = 1024;
    private static final int MAX_BURST_MILLIS = 5;

    /** What happens to a packet when it leaves. */
    @FunctionalInterface
    interface Emitter {
        void emit(PacketBuffer packet, int twccOffset, int sourceIndex, boolean keep, int ssrc, int sequenceNumber);
    }

    private final PacketBuffer[] packets = new PacketBuffer[CAPACITY];
    private final int[] twccOffsets = new int[CAPACITY];
    private final int[] sourceIndexes = new int[CAPACITY];
    private final boolean[] keep = new boolean[CAPACITY];
    private final int[] ssrcs = new int[CAPACITY];
    private final int[] sequenceNumbers = new int[CAPACITY];
    private int head;
    private int size;
    private long rateBps;
    private double budgetBytes;
    private long lastNanos;

    boolean enabled() {
        return rateBps > 0;
    }

    void setRate(long bitsPerSecond) {
        if (bitsPerSecond < 0) {
            throw new IllegalArgumentException("pacing rate " + bitsPerSecond);
        }
        this.rateBps = bitsPerSecond;
    }

    /** Queues a built packet; false (nothing queued) when the ring is full. */
    boolean offer(PacketBuffer packet, int twccOffset, int sourceIndex, boolean keepCopy, int ssrc,
                  int sequenceNumber) {
        if (size == CAPACITY) {
            return false;
        }
        int slot = (head + size) % CAPACITY;
        packets[slot] = packet;
        twccOffsets[slot] = twccOffset;
        sourceIndexes[slot] = sourceIndex;
        keep[slot] = keepCopy;
        ssrcs[slot] = ssrc;
        sequenceNumbers[slot] = sequenceNumber;
        size++;
        return true;
    }

    /** Lets out what the budget allows by {@code nowNanos}. */
    void drain(long nowNanos, Emitter emitter) {
        if (lastNanos != 0) {
            double maxBytes = rateBps / 8.0 * MAX_BURST_MILLIS / 1000.0;
            budgetBytes = Math.min(maxBytes, budgetBytes + rateBps / 8.0 * (nowNanos - lastNanos) / 1e9);
        }
        lastNanos = nowNanos;
        while (size > 0 && (budgetBytes > 0 || !enabled())) {
            int slot = head;
            PacketBuffer packet = packets[slot];
            packets[slot] = null;
            head = (head + 1) % CAPACITY;
            size--;
            budgetBytes -= packet.length();
            emitter.emit(packet, twccOffsets[slot], sourceIndexes[slot], keep[slot], ssrcs[slot],
                    sequenceNumbers[slot]);
        }
    }

    /** Releases every queued packet. */
    void clear() {
        while (size > 0) {
            packets[head].release();
            packets[head] = null;
            head = (head + 1) % CAPACITY;
            size--;
        }
    }
}
