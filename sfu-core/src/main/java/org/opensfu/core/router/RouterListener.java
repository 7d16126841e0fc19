package org.opensfu.core.router;

import java.util.List;
import org.opensfu.core.transport.CloseReason;

/** What a {@link Router} tells its owner (the signaling layer), on the router's loop thread. */
public interface RouterListener {
    /** The endpoint's transport finished DTLS: media flows. */
    void onEndpointConnected(RouterEndpoint endpoint);

    /** The endpoint's transport closed on its own (failure, inactivity, the peer closed it). */
    void onEndpointTransportClosed(RouterEndpoint endpoint, CloseReason reason);

    /** The room's dominant speaker changed; null when it left and nobody has been elected since. */
    default void onDominantSpeakerChanged(RouterEndpoint speaker) {
    }

    /**
     * Last-N changed whose video {@code subscriber} receives: {@code participantIds} in priority order, or null when
     * its limit was lifted (it receives everyone's video again).
     */
    default void onForwardedVideoChanged(RouterEndpoint subscriber, List<String> participantIds) {
    }
}
