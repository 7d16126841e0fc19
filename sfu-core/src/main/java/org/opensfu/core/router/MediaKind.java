package org.opensfu.core.router;

/** Audio or video. */
public enum MediaKind {
    AUDIO,
    VIDEO
}
