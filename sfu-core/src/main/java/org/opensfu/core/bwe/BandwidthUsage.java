package org.opensfu.core.bwe;

/** The over-use detector's signal, draft-ietf-rmcat-gcc-02 §5.4. */
public enum BandwidthUsage {
    /** Delay is neither growing nor shrinking significantly. */
    NORMAL,
    /** Delay is growing: a queue builds up on the path. */
    OVERUSING,
    /** Delay is shrinking: a queue drains. */
    UNDERUSING
}
