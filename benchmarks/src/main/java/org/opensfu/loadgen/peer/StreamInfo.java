package org.opensfu.loadgen.peer;

/**
 * A stream a participant receives, as the SDP announced it.
 *
 * @param ssrc          the SSRC the SFU sends it with
 * @param rtxSsrc       its RTX SSRC (RFC 4588), 0 without
 * @param video         VP8 video, or Opus audio
 * @param trackId       the SFU's id of the track (for reports)
 * @param publisherId   whose track it is
 */
public record StreamInfo(int ssrc, int rtxSsrc, boolean video, String trackId, String publisherId) {
}
