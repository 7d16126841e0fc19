package org.opensfu.api.signaling;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message from the server to a client on the signaling WebSocket; the JSON field {@code "type"} names the kind.
 * See {@code sfu-api/PROTOCOL.md}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Joined.class, name = "joined"),
    @JsonSubTypes.Type(value = Answer.class, name = "answer"),
    @JsonSubTypes.Type(value = ParticipantJoined.class, name = "participantJoined"),
    @JsonSubTypes.Type(value = ParticipantLeft.class, name = "participantLeft"),
    @JsonSubTypes.Type(value = TrackPublished.class, name = "trackPublished"),
    @JsonSubTypes.Type(value = TrackUnpublished.class, name = "trackUnpublished"),
    @JsonSubTypes.Type(value = Left.class, name = "left"),
    @JsonSubTypes.Type(value = ErrorMessage.class, name = "error"),
    @JsonSubTypes.Type(value = DominantSpeaker.class, name = "dominantSpeaker"),
    @JsonSubTypes.Type(value = ForwardedVideo.class, name = "forwardedVideo"),
})
public sealed interface ServerMessage
        permits Joined, Answer, ParticipantJoined, ParticipantLeft, TrackPublished, TrackUnpublished, Left,
        ErrorMessage, DominantSpeaker, ForwardedVideo {
}
