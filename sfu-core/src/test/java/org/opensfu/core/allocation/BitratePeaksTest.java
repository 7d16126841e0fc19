package org.opensfu.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BitratePeaksTest {
    private static final long S = 1_000_000_000L;

    @Test
    void keepsThePeakForOneToTwoWindows() {
        BitratePeaks peaks = new BitratePeaks(5 * S);
        peaks.update(Sources.camera30Scaled(1.1), 0);
        peaks.update(Sources.camera30(), 1 * S);
        assertThat(peaks.peakBps(2, 2)).isEqualTo(1_650_000);
        peaks.update(Sources.camera30(), 6 * S); // new bucket; the old one is still kept
        assertThat(peaks.peakBps(2, 2)).isEqualTo(1_650_000);
        peaks.update(Sources.camera30(), 11 * S); // the 1.1x bucket is gone
        assertThat(peaks.peakBps(2, 2)).isEqualTo(1_500_000);
    }

    @Test
    void aLongSilenceForgetsEverything() {
        BitratePeaks peaks = new BitratePeaks(5 * S);
        peaks.update(Sources.camera30Scaled(2), 0);
        peaks.update(Sources.camera30(), 10 * S);
        assertThat(peaks.peakBps(0, 0)).isEqualTo(90_000);
    }

    @Test
    void aZeroWindowIsTheCurrentBitrate() {
        BitratePeaks peaks = new BitratePeaks(0);
        peaks.update(Sources.camera30Scaled(2), 0);
        peaks.update(Sources.camera30(), 0);
        assertThat(peaks.peakBps(1, 0)).isEqualTo(300_000);
    }

    @Test
    void aNewLayerShapeStartsOver() {
        BitratePeaks peaks = new BitratePeaks(5 * S);
        peaks.update(Sources.camera30Scaled(2), 0);
        LayerInfo twoLayers = new LayerInfo(new long[][] {{100, 200}, {300, 400}}, new int[] {180, 360},
                new double[][] {{15, 30}, {15, 30}});
        peaks.update(twoLayers, S);
        assertThat(peaks.peakBps(1, 1)).isEqualTo(400);
    }
}
