package org.opensfu.core.engine;

import java.util.Objects;
import org.opensfu.core.transport.TransportManagerConfig;

/**
 * Settings of the media engine.
 *
 * @param transports        the shared media port and transport timeouts
 * @param mediaThreads      media loop threads (rooms are pinned to one each)
 * @param queueCapacity     packets a loop may have queued before new ones are dropped
 * @param pooledBuffers     packet buffers kept for reuse
 */
public record MediaEngineConfig(TransportManagerConfig transports, int mediaThreads, int queueCapacity,
                                int pooledBuffers) {
    public MediaEngineConfig {
        Objects.requireNonNull(transports, "transports");
        if (mediaThreads < 1 || queueCapacity < 16 || pooledBuffers < 16) {
            throw new IllegalArgumentException("media threads >= 1, queue capacity >= 16, pooled buffers >= 16");
        }
    }
}
