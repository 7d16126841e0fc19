package org.opensfu.core.allocation;

/**
 * One layer a track may be given, with what it costs and shows.
 *
 * @param layer      the spatial and temporal layer
 * @param bitrateBps its current bitrate (cumulative over its temporal layers)
 * @param heightPx   its picture height, 0 = unknown
 * @param frameRate  its frame rate, 0 = unknown
 */
public record LayerOption(Layer layer, long bitrateBps, int heightPx, double frameRate) {
}
