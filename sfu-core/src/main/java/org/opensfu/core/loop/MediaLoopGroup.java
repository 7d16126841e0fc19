package org.opensfu.core.loop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opensfu.core.time.Clock;

/**
 * The media threads of a process: usually one per core. A room (and every transport in it) is pinned to one loop, so
 * forwarding needs no locks; rooms spread across loops.
 */
public final class MediaLoopGroup implements AutoCloseable {
    private final List<MediaLoop> loops;
    private int nextIndex;

    public MediaLoopGroup(String namePrefix, int threads, Clock clock, int packetQueueCapacity) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one media thread");
        }
        List<MediaLoop> created = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            created.add(new MediaLoop(namePrefix + "-" + i, clock, packetQueueCapacity));
        }
        this.loops = List.copyOf(created);
    }

    public List<MediaLoop> loops() {
        return loops;
    }

    /** Round-robin choice. */
    public synchronized MediaLoop next() {
        MediaLoop loop = loops.get(nextIndex);
        nextIndex = (nextIndex + 1) % loops.size();
        return loop;
    }

    /** The loop with the fewest queued packets right now. */
    public MediaLoop leastBusy() {
        return loops.stream().min(Comparator.comparingInt(MediaLoop::queuedPackets)).orElseThrow();
    }

    @Override
    public void close() {
        for (MediaLoop loop : loops) {
            loop.close();
        }
    }
}
