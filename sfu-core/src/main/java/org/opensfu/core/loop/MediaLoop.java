package org.opensfu.core.loop;

import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;
import org.opensfu.core.buffer.PacketBuffer;
import org.opensfu.core.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One media thread: the only thread that touches the state confined to it (transports' SRTP contexts, routers,
 * streams). Work enters through three doors:
 * <ul>
 *   <li>{@link #offerPacket} for received datagrams: a bounded, lock-free, allocation-free MPSC queue; when it is
 *       full the packet is refused and the caller counts the drop (overload never blocks the network thread);</li>
 *   <li>{@link #execute} for control-plane tasks (signaling, setup, teardown): unbounded, may allocate;</li>
 *   <li>{@link #schedule} for timers, ordered by deadline on the injected {@link Clock}.</li>
 * </ul>
 * A handler that throws is counted and logged (rate-limited) and never stops the loop.
 */
public final class MediaLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaLoop.class);
    private static final int PACKET_BATCH = 256;
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long ERROR_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String name;
    private final Clock clock;
    private final MpscAtomicArrayQueue<PacketBuffer> packets;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Loop-confined. */
    private final PriorityQueue<ScheduledTask> timers = new PriorityQueue<>();
    private final Thread thread;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final LongAdder handlerFailures = new LongAdder();
    private volatile boolean parked;
    private volatile boolean closing;
    private long timerSequence;
    private long lastErrorLogNanos = Long.MIN_VALUE;

    public MediaLoop(String name, Clock clock, int packetQueueCapacity) {
        this.name = name;
        this.clock = clock;
        this.packets = new MpscAtomicArrayQueue<>(packetQueueCapacity);
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public String name() {
        return name;
    }

    public Clock clock() {
        return clock;
    }

    /** True when called on this loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Hands a packet (with its {@link PacketBuffer#handler()} set) to the loop. Returns false if the queue is full or
     * the loop is closing; the caller then still owns the packet.
     */
    public boolean offerPacket(PacketBuffer packet) {
        if (closing || !packets.relaxedOffer(packet)) {
            return false;
        }
        wakeUp();
        return true;
    }

    /** Runs a task on the loop thread, later. Tasks offered after {@link #close()} are dropped. */
    public void execute(Runnable task) {
        if (closing) {
            return;
        }
        tasks.add(task);
        wakeUp();
    }

    /** Runs a task on the loop thread once, after {@code delay}. The handle cancels it. */
    public ScheduledTask schedule(Runnable task, long delay, TimeUnit unit) {
        return schedule(task, delay, 0L, unit);
    }

    /** Runs a task on the loop thread every {@code period}, first after {@code period}. */
    public ScheduledTask schedulePeriodic(Runnable task, long period, TimeUnit unit) {
        if (period <= 0) {
            throw new IllegalArgumentException("period must be positive");
        }
        return schedule(task, period, period, unit);
    }

    private ScheduledTask schedule(Runnable task, long delay, long period, TimeUnit unit) {
        ScheduledTask scheduled = new ScheduledTask(task, unit.toNanos(period));
        execute(() -> {
            scheduled.deadlineNanos = clock.nowNanos() + unit.toNanos(delay);
            scheduled.sequence = timerSequence++;
            timers.add(scheduled);
        });
        return scheduled;
    }

    /** Packets waiting in the queue (an overload signal). */
    public int queuedPackets() {
        return packets.size();
    }

    public long handlerFailures() {
        return handlerFailures.sum();
    }

    private void wakeUp() {
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        try {
            while (!closing) {
                boolean worked = drainPackets();
                worked |= drainTasks();
                worked |= runDueTimers();
                if (!worked) {
                    park();
                }
            }
        } finally {
            releaseQueuedPackets();
            terminated.countDown();
        }
    }

    private boolean drainPackets() {
        int n = 0;
        PacketBuffer packet;
        while (n < PACKET_BATCH && (packet = packets.relaxedPoll()) != null) {
            n++;
            try {
                packet.handler().handlePacket(packet);
            } catch (Throwable t) {
                onHandlerFailure(t);
            }
        }
        return n > 0;
    }

    private boolean drainTasks() {
        int n = 0;
        Runnable task;
        while (n < PACKET_BATCH && (task = tasks.poll()) != null) {
            n++;
            runSafely(task);
        }
        return n > 0;
    }

    private boolean runDueTimers() {
        boolean ran = false;
        long nowNanos = clock.nowNanos();
        ScheduledTask head;
        while ((head = timers.peek()) != null && head.deadlineNanos - nowNanos <= 0) {
            timers.poll();
            if (head.cancelled) {
                continue;
            }
            ran = true;
            runSafely(head.task);
            if (head.periodNanos > 0 && !head.cancelled) {
                head.deadlineNanos += head.periodNanos;
                if (head.deadlineNanos - nowNanos <= 0) {
                    head.deadlineNanos = nowNanos + head.periodNanos; // fell behind: do not run a burst
                }
                head.sequence = timerSequence++;
                timers.add(head);
            }
        }
        return ran;
    }

    private void park() {
        long parkNanos = MAX_PARK_NANOS;
        ScheduledTask head = timers.peek();
        if (head != null) {
            parkNanos = Math.max(0L, Math.min(parkNanos, head.deadlineNanos - clock.nowNanos()));
        }
        if (parkNanos == 0L) {
            return;
        }
        parked = true;
        try {
            // re-check after publishing "parked": a producer that enqueued before seeing it did not unpark us
            if (packets.isEmpty() && tasks.isEmpty() && !closing) {
                LockSupport.parkNanos(this, parkNanos);
            }
        } finally {
            parked = false;
        }
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            onHandlerFailure(t);
        }
    }

    private void onHandlerFailure(Throwable t) {
        handlerFailures.increment();
        long nowNanos = clock.nowNanos();
        if (lastErrorLogNanos == Long.MIN_VALUE || nowNanos - lastErrorLogNanos > ERROR_LOG_INTERVAL_NANOS) {
            lastErrorLogNanos = nowNanos;
            LOG.error("media loop {}: handler failed ({} failures so far)", name, handlerFailures.sum(), t);
        }
    }

    private void releaseQueuedPackets() {
        PacketBuffer packet;
        while ((packet = packets.relaxedPoll()) != null) {
            packet.release();
        }
    }

    /** Stops the loop after the current batch; queued packets are released, queued tasks dropped. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        if (!inLoop()) {
            try {
                terminated.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A pending timer; {@link #cancel()} is safe from any thread. */
    public static final class ScheduledTask implements Comparable<ScheduledTask> {
        private final Runnable task;
        private final long periodNanos;
        private long deadlineNanos;
        private long sequence;
        private volatile boolean cancelled;

        private ScheduledTask(Runnable task, long periodNanos) {
            this.task = task;
            this.periodNanos = periodNanos;
        }

        public void cancel() {
            cancelled = true;
        }

        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public int compareTo(ScheduledTask other) {
            int byDeadline = Long.compare(deadlineNanos - other.deadlineNanos, 0L);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }
}
