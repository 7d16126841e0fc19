package org.opensfu.loadgen.target;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.opensfu.loadgen.media.PublishPlan;
import org.opensfu.loadgen.scenario.MediaSettings;
import org.opensfu.loadgen.scenario.ParticipantSpec;
import org.opensfu.loadgen.signaling.OfferSdp;

/** Turns a participant's spec into what it publishes, with fresh random SSRCs. */
final class PublishPlans {
    static final String AUDIO_MID = "0";
    static final String VIDEO_MID = "1";

    private PublishPlans() {
    }

    static PublishPlan of(ParticipantSpec spec, MediaSettings media, SplittableRandom random) {
        PublishPlan.Audio audio = spec.publishAudio() ? new PublishPlan.Audio(AUDIO_MID,
                PublishPlan.randomSsrc(random), OfferSdp.OPUS_PAYLOAD_TYPE, media.audioBitrateBps()) : null;
        PublishPlan.Video video = null;
        if (spec.publishVideo()) {
            List<Integer> ssrcs = new ArrayList<>();
            for (int i = 0; i < media.layers().size(); i++) {
                ssrcs.add(PublishPlan.randomSsrc(random));
            }
            video = new PublishPlan.Video(VIDEO_MID, media.layers(), ssrcs, media.ridSimulcast(),
                    OfferSdp.VP8_PAYLOAD_TYPE, media.frameRate(), media.keyframeInterval(), media.pacingFactor());
        }
        return new PublishPlan(audio, video);
    }
}
