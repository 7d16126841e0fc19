package org.opensfu.loadgen.target;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.opensfu.loadgen.peer.StreamReport;

/** A simulated participant that has joined a room of the SFU under test. */
public interface Participant {
    /** Its display name. */
    String name();

    /** Stops sending media; the connection stays up. */
    CompletableFuture<Void> stopPublishing();

    /** Settles loss on everything it receives and returns the per-stream counts. */
    CompletableFuture<List<StreamReport>> finish();

    /** SRTP and SRTCP bytes received on all its transports so far. */
    long bytesReceived();

    /** Leaves the room and closes its connections (idempotent). */
    void leave();
}
