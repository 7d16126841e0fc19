package org.opensfu.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LayerRateMeterTest {
    private static final long MS = 1_000_000L;

    @Test
    void measuresCumulativeTemporalBitratesAndFrameRatesPerSpatialLayer() {
        LayerRateMeter meter = new LayerRateMeter(2, 3);
        long t = 0;
        // 30 fps L1T3 pattern T0 T2 T1 T2 on two spatial layers; 1 packet of 1000 B per frame on S0, 2 on S1
        int[] pattern = {0, 2, 1, 2};
        for (int frame = 0; frame < 90; frame++) { // 3 s
            int tid = pattern[frame % 4];
            meter.onPacket(0, tid, 1000, true, t);
            meter.onPacket(1, tid, 1000, true, t);
            meter.onPacket(1, tid, 1000, false, t);
            t += 33_333_333L;
        }
        // full rate: 30 frames of 1000 B per second on S0 = 240 kbps; S1 twice that
        assertThat(meter.bitrateBps(0, 2, t)).isBetween(220_000L, 260_000L);
        assertThat(meter.bitrateBps(1, 2, t)).isBetween(440_000L, 520_000L);
        // T0 only: a quarter of the frames
        assertThat(meter.bitrateBps(0, 0, t)).isBetween(50_000L, 70_000L);
        assertThat(meter.frameRate(0, 0, t)).isCloseTo(7.5, within(1.0));
        assertThat(meter.frameRate(0, 1, t)).isCloseTo(15, within(1.5));
        assertThat(meter.frameRate(1, 2, t)).isCloseTo(30, within(2.0));
    }

    @Test
    void forgetsWhatLeftTheWindow() {
        LayerRateMeter meter = new LayerRateMeter(1, 1);
        for (int i = 0; i < 20; i++) {
            meter.onPacket(0, 0, 1000, true, i * 100 * MS);
        }
        assertThat(meter.bitrateBps(0, 0, 2000 * MS)).isPositive();
        assertThat(meter.bitrateBps(0, 0, 5000 * MS)).isZero(); // a stopped layer reads 0 after the window
        meter.onPacket(5, 0, 1000, true, 5000 * MS); // out of range: ignored
    }

    @Test
    void aLayerThatStartsLaterIsMeasuredSinceItsStartNotDilutedOverTheWindow() {
        LayerRateMeter meter = new LayerRateMeter(2, 1);
        long t = 0;
        for (int frame = 0; frame < 60; frame++) { // 2 s of S0 at 30 fps, 1000 B per frame = 240 kbps
            meter.onPacket(0, 0, 1000, true, t);
            if (frame >= 45) { // S1 starts at 1.5 s: 3000 B per frame = 720 kbps
                meter.onPacket(1, 0, 3000, true, t);
            }
            t += 33_333_333L;
        }
        assertThat(meter.bitrateBps(0, 0, t)).isBetween(220_000L, 260_000L);
        assertThat(meter.bitrateBps(1, 0, t)).as("not a quarter of it").isBetween(600_000L, 800_000L);
        assertThat(meter.frameRate(1, 0, t)).isCloseTo(30, within(5.0));
    }
}
