package org.opensfu.api.signaling;

import java.util.List;
import org.opensfu.api.TrackInfo;

/**
 * The SDP answer to an {@link Offer}.
 *
 * @param requestId from the offer
 * @param sdp       to apply with {@code setRemoteDescription({type: 'answer', sdp})}
 * @param published the tracks this participant now publishes, with the ids the others know them by
 */
public record Answer(String requestId, String sdp, List<PublishedTrack> published) implements ServerMessage {
    public Answer {
        published = published == null ? List.of() : List.copyOf(published);
    }

    /** The track published on m-section {@code mid}. */
    public record PublishedTrack(String mid, TrackInfo track) {
    }
}
