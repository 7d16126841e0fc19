package org.opensfu.api.signaling;

/** Leaves the room; the server answers {@link Left} and closes the connection. Closing the socket does the same. */
public record Leave() implements ClientMessage {
}
