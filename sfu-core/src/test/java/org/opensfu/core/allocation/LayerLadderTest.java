package org.opensfu.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayerLadderTest {
    private static final double MIN_FPS = AllocatorConfig.DEFAULT.minFrameRate();

    private static List<String> ladder(LayerInfo info, TrackConstraints constraints) {
        return ladder(info, constraints, MIN_FPS);
    }

    private static List<String> ladder(LayerInfo info, TrackConstraints constraints, double minFps) {
        return LayerLadder.options(info, constraints, minFps).stream().map(o -> o.layer().toString()).toList();
    }

    @Test
    void thirtyFpsCameraOffersEveryLayerSpatialFirst() {
        assertThat(ladder(Sources.camera30(), TrackConstraints.DEFAULT)).containsExactly(
                "S0T0", "S0T1", "S0T2", "S1T0", "S1T1", "S1T2", "S2T0", "S2T1", "S2T2");
    }

    @Test
    void optionsCarryTheirBitrateHeightAndFrameRate() {
        LayerOption best = LayerLadder.options(Sources.camera30(), TrackConstraints.DEFAULT, MIN_FPS).getLast();
        assertThat(best).isEqualTo(new LayerOption(new Layer(2, 2), 1_500_000, 720, 30));
    }

    @Test
    void aboveTheFloorTemporalLayersBelowTheMinimumFrameRateAreSkipped() {
        // 20 fps camera: T0 is 5 fps < 7, so from S2T1 the descent goes to S1T2 rather than S2T0 at 5 fps
        assertThat(ladder(Sources.camera20(), TrackConstraints.DEFAULT)).containsExactly(
                "S0T0", "S0T1", "S0T2", "S1T1", "S1T2", "S2T1", "S2T2");
        assertThat(ladder(Sources.camera30(), TrackConstraints.DEFAULT, 15)).containsExactly(
                "S0T0", "S0T1", "S0T2", "S1T1", "S1T2", "S2T1", "S2T2");
    }

    @Test
    void maxHeight180GivesThe320x180LayerOnly() {
        assertThat(ladder(Sources.camera30(), TrackConstraints.DEFAULT.withMaxHeightPx(180)))
                .containsExactly("S0T0", "S0T1", "S0T2");
        assertThat(ladder(Sources.camera30(), TrackConstraints.DEFAULT.withMaxHeightPx(400)))
                .containsExactly("S0T0", "S0T1", "S0T2", "S1T0", "S1T1", "S1T2");
    }

    @Test
    void aHeightLimitBelowEveryLayerGivesTheLowestLayer() {
        assertThat(ladder(Sources.camera30(), TrackConstraints.DEFAULT.withMaxHeightPx(90)))
                .containsExactly("S0T0", "S0T1", "S0T2");
    }

    @Test
    void maxFrameRate15DropsT2() {
        assertThat(ladder(Sources.camera30(), TrackConstraints.DEFAULT.withMaxFrameRate(15)))
                .containsExactly("S0T0", "S0T1", "S1T0", "S1T1", "S2T0", "S2T1");
    }

    @Test
    void measuredFrameRatesSlightlyAboveTheLimitStillPass() {
        LayerInfo info = new LayerInfo(Sources.CAMERA_BPS, Sources.HEIGHTS, Sources.rates(7.6, 15.9, 31));
        assertThat(ladder(info, TrackConstraints.DEFAULT.withMaxFrameRate(15).withMaxHeightPx(180)))
                .containsExactly("S0T0", "S0T1");
    }

    @Test
    void theBaseTemporalLayerIsAlwaysAllowed() {
        assertThat(ladder(Sources.camera30(), TrackConstraints.DEFAULT.withMaxFrameRate(0)))
                .containsExactly("S0T0", "S1T0", "S2T0");
        // 5 fps is below the minimum, but it is all a 5 fps limit allows: each spatial layer keeps it
        assertThat(ladder(Sources.camera20(), TrackConstraints.DEFAULT.withMaxFrameRate(5)))
                .containsExactly("S0T0", "S1T0", "S2T0");
    }

    @Test
    void noVideoWantedMeansNoOption() {
        assertThat(ladder(Sources.camera30(), TrackConstraints.DEFAULT.withMaxHeightPx(0))).isEmpty();
    }

    @Test
    void inactiveLayersAreLeftOut() {
        long[][] bps = {{90_000, 120_000, 150_000}, {0, 0, 0}, {900_000, 1_200_000, 0}};
        LayerInfo info = new LayerInfo(bps, Sources.HEIGHTS, Sources.rates(7.5, 15, 30));
        assertThat(ladder(info, TrackConstraints.DEFAULT)).containsExactly("S0T0", "S0T1", "S0T2", "S2T0", "S2T1");
        assertThat(ladder(new LayerInfo(new long[3][3], Sources.HEIGHTS, Sources.rates(7.5, 15, 30)),
                TrackConstraints.DEFAULT)).isEmpty();
        assertThat(ladder(LayerInfo.empty(), TrackConstraints.DEFAULT)).isEmpty();
    }

    @Test
    void theLowestActiveLayerIsTheFallbackWhenTheLowestIsOff() {
        long[][] bps = {{0, 0, 0}, {300_000, 400_000, 500_000}, {900_000, 1_200_000, 1_500_000}};
        LayerInfo info = new LayerInfo(bps, Sources.HEIGHTS, Sources.rates(7.5, 15, 30));
        assertThat(ladder(info, TrackConstraints.DEFAULT.withMaxHeightPx(180)))
                .containsExactly("S1T0", "S1T1", "S1T2");
    }

    @Test
    void unknownHeightsPassOnlyWithoutAHeightLimit() {
        LayerInfo info = new LayerInfo(Sources.CAMERA_BPS, new int[] {180, 0, 0}, Sources.rates(7.5, 15, 30));
        assertThat(ladder(info, TrackConstraints.DEFAULT)).hasSize(9);
        assertThat(ladder(info, TrackConstraints.DEFAULT.withMaxHeightPx(1080)))
                .containsExactly("S0T0", "S0T1", "S0T2");
    }

    @Test
    void unknownFrameRatesPassOnlyWithoutAFrameRateLimit() {
        LayerInfo info = new LayerInfo(Sources.CAMERA_BPS, Sources.HEIGHTS, new double[3][3]);
        assertThat(ladder(info, TrackConstraints.DEFAULT)).hasSize(9);
        assertThat(ladder(info, TrackConstraints.DEFAULT.withMaxFrameRate(60)))
                .containsExactly("S0T0", "S1T0", "S2T0");
    }
}
