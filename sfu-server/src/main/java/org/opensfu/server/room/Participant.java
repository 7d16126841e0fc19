package org.opensfu.server.room;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.opensfu.api.ParticipantInfo;
import org.opensfu.core.router.RouterEndpoint;
import org.opensfu.core.allocation.TrackConstraints;
import org.opensfu.core.transport.WebRtcTransport;
import org.opensfu.core.transport.ice.IceParameters;

/**
 * A participant of a room, as signaling sees it. All mutable state is guarded by the room's lock; the media side
 * (its {@link RouterEndpoint}) lives on the room's media loop and is changed only through tasks queued there.
 */
public final class Participant {
    private final String id;
    private final String displayName;
    private final ParticipantConnection connection;
    private final Instant joinedAt;

    // guarded by the room
    RouterEndpoint endpoint;
    WebRtcTransport transport;
    IceParameters remoteIce;
    final Map<String, Publication> publicationsByMid = new LinkedHashMap<>();
    final Map<String, Subscription> subscriptionsByMid = new HashMap<>();
    /** What the participant asked of remote video tracks, by track id (kept for tracks not subscribed yet). */
    final Map<String, TrackConstraints> constraintsByTrack = new HashMap<>();
    private final Set<Integer> usedSsrcs = new HashSet<>();
    int publishedTrackCount;
    long answerVersion;
    /** The client's own last-N ({@code -1}: no limit), or null for the room's default. */
    Integer lastN;
    boolean left;

    Participant(String id, String displayName, ParticipantConnection connection, Instant joinedAt) {
        this.id = id;
        this.displayName = displayName;
        this.connection = connection;
        this.joinedAt = joinedAt;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Instant joinedAt() {
        return joinedAt;
    }

    ParticipantConnection connection() {
        return connection;
    }

    /** A random SSRC not used on this participant's transport, by it or by us. Under the room lock. */
    int allocateSsrc() {
        int ssrc;
        do {
            ssrc = ThreadLocalRandom.current().nextInt();
        } while (ssrc == 0 || !usedSsrcs.add(ssrc));
        return ssrc;
    }

    void reserveSsrc(int ssrc) {
        if (ssrc != 0) {
            usedSsrcs.add(ssrc);
        }
    }

    void releaseSsrc(int ssrc) {
        usedSsrcs.remove(ssrc);
    }

    /** Under the room lock. */
    ParticipantInfo info() {
        List<org.opensfu.api.TrackInfo> tracks = publicationsByMid.values().stream().map(Publication::track).toList();
        return new ParticipantInfo(id, displayName, tracks);
    }
}
