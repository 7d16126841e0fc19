package org.opensfu.loadgen.scenario;

/** Which of the other participants' tracks a simulated participant subscribes to. */
public enum SubscribeMode {
    /** Every audio and video track (a meeting, a webinar viewer). */
    ALL,
    /** Audio tracks only (a listener of an audio room). */
    AUDIO,
    /** Nothing (a webinar's presenter). */
    NONE;

    public boolean wants(boolean video) {
        return this == ALL || (this == AUDIO && !video);
    }
}
