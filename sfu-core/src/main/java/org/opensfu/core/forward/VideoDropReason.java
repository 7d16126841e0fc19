package org.opensfu.core.forward;

/** Why a {@link VideoLayerForwarder} did not forward a packet. Each dropped packet is counted under one reason. */
public enum VideoDropReason {
    /**
     * A spatial layer that is not being forwarded: another simulcast stream, the target layer before its key frame
     * arrived, anything while paused or before the first key frame.
     */
    NOT_SELECTED,
    /** Its frame's temporal layer is above the one being forwarded, or it is past a layer change point. */
    TEMPORAL_LAYER,
    /** Padding only (no payload): it never reaches the subscriber and leaves no gap. */
    PADDING,
    /** A second copy of a packet already forwarded (e.g. a retransmission that was not needed). */
    DUPLICATE,
    /** Too late to place: older than the reorder window, or from before the current layer run started. */
    TOO_OLD,
    /** Late, its frame is forwarded, yet no output sequence number was held for it (inconsistent input). */
    UNPLACEABLE,
    /** The VP8 payload descriptor does not parse, or the spatial layer index is out of range. */
    MALFORMED
}
