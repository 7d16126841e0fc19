package org.opensfu.api.signaling;

import java.util.List;

/**
 * An SDP offer for the participant's one peer connection: it carries what the participant publishes and every
 * subscription. Only clients send offers; the server always answers ({@link Answer}), so offers never collide.
 *
 * @param requestId  echoed in the answer
 * @param sdp        the offer, as {@code RTCPeerConnection.localDescription.sdp}
 * @param publish    labels for the m-sections the client sends on (optional; m-sections with direction sendonly
 *                   or sendrecv are published either way)
 * @param subscribe  for each recvonly m-section, the track the client wants on it; an m-section without an entry
 *                   is answered inactive
 */
public record Offer(String requestId, String sdp, List<PublishLabel> publish, List<Subscription> subscribe)
        implements ClientMessage {
    public Offer {
        publish = publish == null ? List.of() : List.copyOf(publish);
        subscribe = subscribe == null ? List.of() : List.copyOf(subscribe);
    }

    /** A label for a published m-section. */
    public record PublishLabel(String mid, String name) {
    }

    /** Receive {@code trackId} on the m-section {@code mid}. */
    public record Subscription(String mid, String trackId) {
    }
}
