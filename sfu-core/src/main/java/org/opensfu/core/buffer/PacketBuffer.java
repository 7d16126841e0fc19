package org.opensfu.core.buffer;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * One datagram's worth of bytes in a pooled, fixed-size array, with head room (for header growth) and tail room (for
 * the SRTP authentication tag and the SRTCP index) so that parsing, rewriting and encryption all happen in place.
 *
 * <p><b>Ownership rule:</b> a buffer has exactly one owner at a time. {@link PacketBufferPool#acquire()} makes the
 * caller the owner; handing the buffer to another component (a queue, a loop) hands over ownership; whoever ends the
 * packet's journey calls {@link #release()} exactly once, after which the buffer must not be touched. Nothing is
 * reference counted: fan-out to many subscribers copies into a per-loop scratch buffer instead of sharing.
 *
 * <p>Implements jitsi-srtp's {@link ByteArrayBuffer} so that SRTP transforms run on it without copies.
 */
public final class PacketBuffer implements ByteArrayBuffer {
    /** Bytes kept free before the packet: header extensions can grow, cryptex may shift the header. */
    public static final int HEADROOM = 32;
    /** Bytes kept free after the packet: SRTP tag (10 or 16 bytes) plus the SRTCP index (4 bytes). */
    public static final int TAILROOM = 48;
    /** Largest datagram accepted (an Ethernet MTU minus IPv4 and UDP headers, rounded up). */
    public static final int MAX_DATAGRAM = 1500;
    /** The size of every pooled array. */
    public static final int CAPACITY = HEADROOM + MAX_DATAGRAM + TAILROOM;

    private final byte[] array;
    private final PacketBufferPool pool;
    private int offset;
    private int length;
    private boolean released;

    /** When the datagram arrived, in {@link org.opensfu.core.time.Clock#nowNanos()} time. */
    private long receivedNanos;
    /** The component that will process this buffer next (set before handing it to a loop). */
    private PacketHandler handler;

    PacketBuffer(PacketBufferPool pool) {
        this.pool = pool;
        this.array = new byte[CAPACITY];
        reset();
    }

    void reset() {
        offset = HEADROOM;
        length = 0;
        receivedNanos = 0L;
        handler = null;
        released = false;
    }

    /** Copies {@code len} bytes into this buffer at the default head room. Returns false if they do not fit. */
    public boolean copyFrom(byte[] src, int srcOffset, int len) {
        if (len < 0 || len > MAX_DATAGRAM) {
            return false;
        }
        System.arraycopy(src, srcOffset, array, HEADROOM, len);
        offset = HEADROOM;
        length = len;
        return true;
    }

    /** Returns this buffer to its pool. Must be called exactly once by the final owner. */
    public void release() {
        if (released) {
            throw new IllegalStateException("PacketBuffer released twice");
        }
        released = true;
        pool.giveBack(this);
    }

    public byte[] array() {
        return array;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public void setOffsetAndLength(int newOffset, int newLength) {
        if (newOffset < 0 || newLength < 0 || newOffset + newLength > array.length) {
            throw new IndexOutOfBoundsException("offset " + newOffset + " length " + newLength);
        }
        offset = newOffset;
        length = newLength;
    }

    public long receivedNanos() {
        return receivedNanos;
    }

    public void setReceivedNanos(long receivedNanos) {
        this.receivedNanos = receivedNanos;
    }

    public PacketHandler handler() {
        return handler;
    }

    public void setHandler(PacketHandler handler) {
        this.handler = handler;
    }

    // ---- org.jitsi.utils.ByteArrayBuffer, used by jitsi-srtp ----

    @Override
    public byte[] getBuffer() {
        return array;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int newLength) {
        setOffsetAndLength(offset, newLength);
    }

    @Override
    public void setOffset(int newOffset) {
        setOffsetAndLength(newOffset, length);
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int regionOffset, int regionLength, byte[] dst) {
        if (regionOffset < 0 || regionLength < 0 || regionOffset + regionLength > length) {
            throw new IndexOutOfBoundsException("region " + regionOffset + "+" + regionLength + " of " + length);
        }
        System.arraycopy(array, offset + regionOffset, dst, 0, regionLength);
    }

    /** Ensures room for {@code howMuch} more bytes after the packet; the tail room makes this a no-op in practice. */
    @Override
    public void grow(int howMuch) {
        if (offset + length + howMuch > array.length) {
            if (length + howMuch > array.length) {
                throw new IllegalStateException("packet of " + length + " bytes cannot grow by " + howMuch);
            }
            System.arraycopy(array, offset, array, 0, length);
            offset = 0;
        }
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, array, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int howMuch) {
        if (howMuch < 0 || howMuch > length) {
            throw new IllegalArgumentException("cannot shrink " + length + " bytes by " + howMuch);
        }
        length -= howMuch;
    }
}
