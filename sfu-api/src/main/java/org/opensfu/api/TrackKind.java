package org.opensfu.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Media kind of a track. */
public enum TrackKind {
    @JsonProperty("audio") AUDIO,
    @JsonProperty("video") VIDEO
}
