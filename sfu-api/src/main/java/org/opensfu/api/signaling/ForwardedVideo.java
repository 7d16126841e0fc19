package org.opensfu.api.signaling;

import java.util.List;

/**
 * Under last-N ({@link SetLastN}): whose video the server forwards to this client now, most relevant first. The
 * client's other video tracks stay subscribed but receive nothing until they are listed again; a UI shows those
 * participants as off stage. Sent when the list changes, and when the limit is lifted.
 *
 * @param lastN          the client's limit, {@code -1} when lifted
 * @param participantIds the participants whose video is forwarded; when the limit is lifted, empty: everyone's is
 */
public record ForwardedVideo(int lastN, List<String> participantIds) implements ServerMessage {
    public ForwardedVideo {
        participantIds = participantIds == null ? List.of() : List.copyOf(participantIds);
    }
}
