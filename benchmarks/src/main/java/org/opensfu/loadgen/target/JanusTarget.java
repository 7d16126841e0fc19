package org.opensfu.loadgen.target;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.opensfu.loadgen.scenario.MediaSettings;
import org.opensfu.loadgen.scenario.ParticipantSpec;

/**
 * Janus' VideoRoom plugin through its WebSocket transport (subprotocol {@code janus-protocol}). Room names of the
 * scenario map to VideoRoom room numbers from {@value #FIRST_ROOM}; the first participant of a room creates it (VP8
 * and Opus, transport-wide CC and audio levels on, no bitrate cap, no periodic FIR).
 */
public final class JanusTarget implements SfuTarget {
    static final long FIRST_ROOM = 70_001;

    private final PeerRuntime runtime;
    private final MediaSettings media;
    private final URI uri;
    private final Duration joinTimeout;
    private final Map<String, Long> rooms = new HashMap<>();
    private final Map<String, CompletableFuture<Void>> ready = new HashMap<>();

    public JanusTarget(PeerRuntime runtime, MediaSettings media, URI uri, Duration joinTimeout) {
        this.runtime = runtime;
        this.media = media;
        this.uri = uri;
        this.joinTimeout = joinTimeout;
    }

    @Override
    public String name() {
        return "janus";
    }

    @Override
    public Participant join(ParticipantSpec spec) throws Exception {
        long room;
        boolean create;
        CompletableFuture<Void> roomReady;
        synchronized (this) {
            room = rooms.computeIfAbsent(spec.room(), r -> FIRST_ROOM + rooms.size());
            create = !ready.containsKey(spec.room());
            roomReady = ready.computeIfAbsent(spec.room(), r -> new CompletableFuture<>());
        }
        JanusSession session = new JanusSession(spec, runtime, media, uri, joinTimeout, room);
        try {
            session.join(roomReady, create);
            return session;
        } catch (Exception e) {
            session.leave();
            throw e;
        }
    }

    @Override
    public void close() {
    }
}
