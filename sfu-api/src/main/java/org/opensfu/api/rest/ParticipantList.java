package org.opensfu.api.rest;

import java.util.List;
import org.opensfu.api.ParticipantInfo;

/** Body of {@code GET /api/v1/rooms/{room}/participants}. */
public record ParticipantList(List<ParticipantInfo> participants) {
    public ParticipantList {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }
}
