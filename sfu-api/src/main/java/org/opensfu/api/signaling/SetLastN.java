package org.opensfu.api.signaling;

/**
 * Limits the video the client receives to the {@code lastN} most relevant other participants: those it shows on stage
 * first, then the most recent speakers, then the others in join order. The server pauses the rest and tells the client
 * which participants it forwards with {@link ForwardedVideo}. Audio is not affected.
 *
 * @param lastN at most this many participants' video; {@code -1} (or null) lifts the limit
 */
public record SetLastN(Integer lastN) implements ClientMessage {
}
