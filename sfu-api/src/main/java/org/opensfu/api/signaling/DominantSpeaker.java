package org.opensfu.api.signaling;

/**
 * The room's dominant speaker changed: the participant that has been speaking most clearly for the last second or
 * so. Short noises and coughs do not make anyone dominant, and nobody stays dominant through others' sustained speech.
 *
 * @param participantId the new dominant speaker; null when the previous one left and nobody has spoken since
 */
public record DominantSpeaker(String participantId) implements ServerMessage {
}
