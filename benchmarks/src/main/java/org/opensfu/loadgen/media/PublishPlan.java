package org.opensfu.loadgen.media;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * What one simulated participant publishes: an Opus microphone and/or a VP8 camera with simulcast, with the SSRCs
 * and MIDs that both its SDP offer and its media use.
 *
 * @param audio null when the participant sends no audio
 * @param video null when it sends no video
 */
public record PublishPlan(Audio audio, Video video) {
    /** Nothing published (a pure subscriber). */
    public static final PublishPlan NONE = new PublishPlan(null, null);

    public boolean publishes() {
        return audio != null || video != null;
    }

    /**
     * @param mid         its m-section
     * @param ssrc        its SSRC
     * @param payloadType Opus's payload type in the offer
     * @param bitrateBps  payload bitrate (sets the packet size at 50 packets/s)
     */
    public record Audio(String mid, int ssrc, int payloadType, long bitrateBps) {
        public Audio {
            Objects.requireNonNull(mid, "mid");
        }
    }

    /**
     * @param mid              its m-section
     * @param layers           the simulcast encodings, lowest first (one: no simulcast)
     * @param ssrcs            their SSRCs, in the same order
     * @param ridSimulcast     layers identified by rid (RFC 8851, MID and RID header extensions) rather than by
     *                         {@code a=ssrc-group:SIM}
     * @param payloadType      VP8's payload type in the offer
     * @param frameRate        frames per second of every layer
     * @param keyframeInterval periodic key frames, or zero for key frames only on request
     * @param pacingFactor     packets leave at this multiple of the layers' total bitrate; 0: a frame is one burst
     */
    public record Video(String mid, List<LayerSpec> layers, List<Integer> ssrcs, boolean ridSimulcast,
                        int payloadType, double frameRate, Duration keyframeInterval, double pacingFactor) {
        public Video {
            Objects.requireNonNull(mid, "mid");
            layers = List.copyOf(layers);
            ssrcs = List.copyOf(ssrcs);
            if (layers.isEmpty() || layers.size() != ssrcs.size()) {
                throw new IllegalArgumentException("one SSRC per layer, at least one layer");
            }
            if (frameRate <= 0 || keyframeInterval.isNegative() || pacingFactor < 0) {
                throw new IllegalArgumentException("bad frame rate or key frame interval");
            }
        }

        public boolean simulcast() {
            return layers.size() > 1;
        }

        /** The sum of the layers' bitrates. */
        public long bitrateBps() {
            return layers.stream().mapToLong(LayerSpec::bitrateBps).sum();
        }
    }

    /** A random SSRC, never 0. */
    public static int randomSsrc(SplittableRandom random) {
        int ssrc;
        do {
            ssrc = random.nextInt();
        } while (ssrc == 0);
        return ssrc;
    }
}
