package org.opensfu.server.room;

/** A track a participant receives, on m-section {@code mid}, with our SSRC {@code ssrc} (and RTX SSRC, or 0). */
record Subscription(String mid, String trackId, int ssrc, int rtxSsrc) {
}
