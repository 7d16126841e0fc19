package org.opensfu.loadgen.target;

import java.net.URI;
import java.time.Duration;
import org.opensfu.loadgen.scenario.MediaSettings;
import org.opensfu.loadgen.scenario.ParticipantSpec;

/** OpenSFU through its signaling WebSocket ({@code ws://HOST:PORT/ws}, sfu-api/PROTOCOL.md). */
public final class OpenSfuTarget implements SfuTarget {
    private final PeerRuntime runtime;
    private final MediaSettings media;
    private final URI signalingUri;
    private final Duration joinTimeout;

    /** @param signalingUri e.g. {@code ws://127.0.0.1:8080/ws} */
    public OpenSfuTarget(PeerRuntime runtime, MediaSettings media, URI signalingUri, Duration joinTimeout) {
        this.runtime = runtime;
        this.media = media;
        this.signalingUri = signalingUri;
        this.joinTimeout = joinTimeout;
    }

    @Override
    public String name() {
        return "opensfu";
    }

    @Override
    public Participant join(ParticipantSpec spec) throws Exception {
        OpenSfuSession session = new OpenSfuSession(spec, runtime, media, signalingUri, joinTimeout);
        try {
            session.join();
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
