package org.opensfu.loadgen.scenario;

import java.time.Duration;
import java.util.List;
import org.opensfu.loadgen.media.LayerSpec;

/**
 * How every publisher of a run sends.
 *
 * @param layers           simulcast layers, lowest first (one layer: no simulcast)
 * @param ridSimulcast     layers identified by rid and the MID/RID header extensions, or by {@code ssrc-group:SIM}
 * @param frameRate        video frames per second
 * @param keyframeInterval periodic key frames (zero: only on PLI/FIR)
 * @param audioBitrateBps  Opus payload bitrate
 * @param pacingFactor     video leaves at this multiple of its bitrate (libwebrtc's pacer: 2.5); 0 sends every
 *                         frame as one burst
 */
public record MediaSettings(List<LayerSpec> layers, boolean ridSimulcast, double frameRate,
                            Duration keyframeInterval, long audioBitrateBps, double pacingFactor) {
    public MediaSettings {
        layers = List.copyOf(layers);
        if (layers.isEmpty() || frameRate <= 0 || keyframeInterval.isNegative() || audioBitrateBps <= 0
                || pacingFactor < 0) {
            throw new IllegalArgumentException("invalid media settings");
        }
    }

    public static MediaSettings defaults() {
        return new MediaSettings(LayerSpec.DEFAULT_LADDER, true, 30, Duration.ofSeconds(10), 32_000, 2.5);
    }
}
