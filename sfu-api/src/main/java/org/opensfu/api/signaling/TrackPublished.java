package org.opensfu.api.signaling;

import org.opensfu.api.TrackInfo;

/** A track is available: subscribe by adding a recvonly m-section and naming the track in the next offer. */
public record TrackPublished(TrackInfo track) implements ServerMessage {
}
