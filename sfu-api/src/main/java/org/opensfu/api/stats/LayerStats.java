package org.opensfu.api.stats;

/**
 * One encoding of a published track.
 *
 * @param index           0 for the lowest
 * @param ssrc            its SSRC, 0 while not yet learned (rid simulcast)
 * @param packetsReceived RTP packets received on it
 * @param bitrateBps      its bitrate with all temporal layers, bits per second (video)
 * @param frameRate       its frame rate with all temporal layers (video)
 * @param temporalLayers  temporal layers seen on it (video)
 * @param widthPx         width of its last key frame, 0 before one (video)
 * @param heightPx        height of its last key frame, 0 before one (video)
 */
public record LayerStats(int index, long ssrc, long packetsReceived, long bitrateBps, double frameRate,
                         int temporalLayers, int widthPx, int heightPx) {
}
