package org.opensfu.core.buffer;

import java.util.concurrent.atomic.LongAdder;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;

/**
 * A bounded, lock-free pool of {@link PacketBuffer}s shared by the network receive threads (which acquire) and the
 * media loops (which release). In steady state no packet allocates: buffers are created only while the pool warms up
 * or when a burst exceeds what it holds, and those extra buffers are dropped to the GC when the pool is full again.
 */
public final class PacketBufferPool {
    private final MpmcAtomicArrayQueue<PacketBuffer> free;
    private final LongAdder created = new LongAdder();
    private final LongAdder acquired = new LongAdder();
    private final LongAdder released = new LongAdder();

    public PacketBufferPool(int maxPooled) {
        this.free = new MpmcAtomicArrayQueue<>(Math.max(2, maxPooled));
    }

    /** Takes a buffer, empty, with the default head room. The caller owns it. */
    public PacketBuffer acquire() {
        PacketBuffer buffer = free.relaxedPoll();
        if (buffer == null) {
            buffer = new PacketBuffer(this);
            created.increment();
        } else {
            buffer.reset();
        }
        acquired.increment();
        return buffer;
    }

    void giveBack(PacketBuffer buffer) {
        released.increment();
        free.relaxedOffer(buffer);
    }

    /** Buffers acquired and not yet released: zero when nothing is in flight (tests assert this to find leaks). */
    public long outstanding() {
        return acquired.sum() - released.sum();
    }

    /** How many buffers were ever allocated; flat in steady state. */
    public long createdCount() {
        return created.sum();
    }
}
