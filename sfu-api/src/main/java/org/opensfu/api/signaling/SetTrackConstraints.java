package org.opensfu.api.signaling;

/**
 * How the client wants one of the video tracks it receives: the server picks, within the client's bandwidth, the
 * best simulcast layer that respects this. May be sent before or after subscribing; it stays in force until changed.
 * A UI typically asks for a small layer for small tiles and for the top layer for an enlarged one.
 *
 * @param trackId      the remote track
 * @param maxHeight    the largest picture height wanted in pixels; 0 pauses the video; null means no limit
 * @param maxFrameRate the highest frame rate wanted; null means no limit
 * @param onStage      an on-stage track is served first and climbs to its best layer before the others improve
 * @param priority     among tracks not on stage, higher is served first; null means 0
 */
public record SetTrackConstraints(String trackId, Integer maxHeight, Double maxFrameRate, Boolean onStage,
                                  Integer priority) implements ClientMessage {
}
