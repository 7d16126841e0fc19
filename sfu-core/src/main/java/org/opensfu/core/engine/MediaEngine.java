package org.opensfu.core.engine;

import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.loop.MediaLoopGroup;
import org.opensfu.core.stats.LatencyHistograms;
import org.opensfu.core.time.Clock;
import org.opensfu.core.transport.TransportManager;

/**
 * The media side of one SFU process: the packet buffer pool, the media threads and the transports on the shared UDP
 * port. The server (signaling, HTTP) drives it; it knows nothing of Vert.x.
 */
public final class MediaEngine implements AutoCloseable {
    private final Clock clock;
    private final PacketBufferPool pool;
    private final MediaLoopGroup loops;
    private final TransportManager transports;
    private final LatencyHistograms transitTimes = new LatencyHistograms();

    public MediaEngine(MediaEngineConfig config, Clock clock) {
        this.clock = clock;
        this.pool = new PacketBufferPool(config.pooledBuffers());
        this.loops = new MediaLoopGroup("media", config.mediaThreads(), clock, config.queueCapacity());
        try {
            this.transports = new TransportManager(config.transports(), clock, pool, loops.loops().get(0));
        } catch (RuntimeException e) {
            loops.close();
            throw e;
        }
    }

    public Clock clock() {
        return clock;
    }

    public PacketBufferPool pool() {
        return pool;
    }

    public MediaLoopGroup loops() {
        return loops;
    }

    public TransportManager transports() {
        return transports;
    }

    /**
     * The SFU transit time (a packet's receive time to its forwarding), one histogram per writer: the forwarding path
     * registers one per media loop or router and records into it; the server exports them merged as
     * {@code sfu_transit_time_seconds}.
     */
    public LatencyHistograms transitTimes() {
        return transitTimes;
    }

    @Override
    public void close() {
        transports.close();
        loops.close();
    }
}
