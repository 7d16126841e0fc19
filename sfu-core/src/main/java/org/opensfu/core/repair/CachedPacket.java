package org.opensfu.core.repair;

/**
 * A read-only view of one packet held by a {@link PacketCache}: the bytes of the RTP packet exactly as the publisher
 * sent it (decrypted), with its extended sequence number and arrival time.
 *
 * <p>The cache owns both this view and the bytes: each cache reuses one instance, so the view is valid only until the
 * next call on that cache ({@code get}, {@code put}, {@code expire} or {@code close}). Copy the bytes out (e.g. into
 * the loop's scratch buffer) before anything else touches the cache, and never modify them.
 */
public final class CachedPacket {
    private byte[] array;
    private int offset;
    private int length;
    private long extendedSeq;
    private long arrivalNanos;

    CachedPacket() {
    }

    void set(byte[] array, int offset, int length, long extendedSeq, long arrivalNanos) {
        this.array = array;
        this.offset = offset;
        this.length = length;
        this.extendedSeq = extendedSeq;
        this.arrivalNanos = arrivalNanos;
    }

    void clear() {
        array = null;
    }

    /** The array holding the packet (not a copy; do not modify). */
    public byte[] array() {
        return array;
    }

    /** Offset of the packet's first byte in {@link #array()}. */
    public int offset() {
        return offset;
    }

    /** Length of the whole RTP packet in bytes. */
    public int length() {
        return length;
    }

    /** The extended sequence number it was stored under. */
    public long extendedSeq() {
        return extendedSeq;
    }

    /** When the original arrived from the publisher. */
    public long arrivalNanos() {
        return arrivalNanos;
    }
}
