package org.opensfu.loadgen.media;

import org.opensfu.core.buffer.PacketBuffer;

/**
 * Plaintext copies of the last packets a publisher sent, so that a NACK (RFC 4585 §6.2.1) can be answered by sending
 * the same packet again on its own SSRC (retransmission without RFC 4588 RTX, which RFC 4585 allows). A fixed ring:
 * the oldest copy is overwritten, nothing is allocated after construction. Confined to one thread.
 */
public final class SentPacketRing {
    private final byte[][] data;
    private final int[] ssrc;
    private final int[] sequenceNumber;
    private final int[] length;
    /** Offset of the transport-wide sequence number inside the packet, -1 when it has none. */
    private final int[] transportCcOffset;
    private final boolean[] used;
    private int next;

    public SentPacketRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        data = new byte[capacity][PacketBuffer.MAX_DATAGRAM];
        ssrc = new int[capacity];
        sequenceNumber = new int[capacity];
        length = new int[capacity];
        transportCcOffset = new int[capacity];
        used = new boolean[capacity];
    }

    /** Keeps a copy of {@code src[off, off + len)}, an RTP packet with this SSRC and sequence number. */
    public void store(byte[] src, int off, int len, int packetSsrc, int packetSequenceNumber, int twccOffset) {
        if (len > PacketBuffer.MAX_DATAGRAM) {
            return;
        }
        int slot = next;
        next = (next + 1) % data.length;
        System.arraycopy(src, off, data[slot], 0, len);
        ssrc[slot] = packetSsrc;
        sequenceNumber[slot] = packetSequenceNumber & 0xFFFF;
        length[slot] = len;
        transportCcOffset[slot] = twccOffset;
        used[slot] = true;
    }

    /** The slot holding the packet, newest first, or -1 when it is no longer (or never was) kept. */
    public int find(int packetSsrc, int packetSequenceNumber) {
        int seq = packetSequenceNumber & 0xFFFF;
        for (int i = 1; i <= data.length; i++) {
            int slot = Math.floorMod(next - i, data.length);
            if (!used[slot]) {
                return -1;
            }
            if (ssrc[slot] == packetSsrc && sequenceNumber[slot] == seq) {
                return slot;
            }
        }
        return -1;
    }

    /** Copies slot {@code slot} into {@code buffer}; returns the offset of its transport-wide sequence number or -1. */
    public int copyTo(int slot, PacketBuffer buffer) {
        buffer.copyFrom(data[slot], 0, length[slot]);
        return transportCcOffset[slot];
    }
}
