package org.opensfu.api.signaling;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message from a client to the server on the signaling WebSocket; the JSON field {@code "type"} names the kind.
 * See {@code sfu-api/PROTOCOL.md}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Join.class, name = "join"),
    @JsonSubTypes.Type(value = Offer.class, name = "offer"),
    @JsonSubTypes.Type(value = Candidate.class, name = "candidate"),
    @JsonSubTypes.Type(value = Leave.class, name = "leave"),
    @JsonSubTypes.Type(value = SetTrackConstraints.class, name = "setTrackConstraints"),
    @JsonSubTypes.Type(value = SetLastN.class, name = "setLastN"),
})
public sealed interface ClientMessage permits Join, Offer, Candidate, Leave, SetTrackConstraints, SetLastN {
}
