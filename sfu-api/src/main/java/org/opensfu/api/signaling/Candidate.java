package org.opensfu.api.signaling;

/**
 * A trickled ICE candidate of the client (optional: the server also learns the client's address from its checks).
 *
 * @param candidate the {@code candidate} attribute as in {@code RTCIceCandidate.candidate}; empty or null means the
 *                  client gathered everything
 * @param sdpMid    the m-section it was gathered for (all are bundled)
 */
public record Candidate(String candidate, String sdpMid) implements ClientMessage {
}
