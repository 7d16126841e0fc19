package org.opensfu.core.router;

import org.opensfu.core.transport.CloseReason;

/** What a {@link Router} tells its owner (the signaling layer), on the router's loop thread. */
public interface RouterListener {
    /** The endpoint's transport finished DTLS: media flows. */
    void onEndpointConnected(RouterEndpoint endpoint);

    /** The endpoint's transport closed on its own (failure, inactivity, the peer closed it). */
    void onEndpointTransportClosed(RouterEndpoint endpoint, CloseReason reason);
}
