/**
 * Per-subscriber forwarding decisions for video: which spatial (simulcast) and temporal layers of a producer reach
 * one subscriber, and the renumbering that makes what does reach it one continuous RTP stream.
 *
 * <p>{@link org.opensfu.core.forward.VideoLayerForwarder} is the entry point (one per subscriber and simulcast VP8
 * producer, confined to the router's loop); {@code LayerRun} and {@code NumberProjection} are its parts.
 */
package org.opensfu.core.forward;
