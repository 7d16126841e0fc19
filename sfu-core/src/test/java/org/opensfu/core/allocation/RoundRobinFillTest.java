package org.opensfu.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoundRobinFillTest {
    private static final long[] CAMERA = {90_000, 120_000, 150_000, 300_000, 400_000, 500_000, 900_000, 1_200_000,
            1_500_000};
    private static final long[] NO_VIDEO = {};

    private static int[] fill(long[][] costs, boolean[] onStage, long budget) {
        return RoundRobinFill.fill(costs, onStage, budget, budget);
    }

    @Test
    void everyTrackGetsItsBestWhenEverythingFits() {
        assertThat(fill(new long[][] {CAMERA, CAMERA}, new boolean[2], 10_000_000)).containsExactly(8, 8);
    }

    @Test
    void tracksClimbInRoundsSoNoneTakesEverything() {
        // mins 270k; +30k each takes the three to S0T1 (360k); the next round affords one more step
        assertThat(fill(new long[][] {CAMERA, CAMERA, CAMERA}, new boolean[3], 390_000)).containsExactly(2, 1, 1);
        // 3 x S1T2 = 1.5M, then S2T0 (+400k) fits once
        assertThat(fill(new long[][] {CAMERA, CAMERA, CAMERA}, new boolean[3], 2_000_000)).containsExactly(6, 5, 5);
    }

    @Test
    void onStageTracksClimbToTheirBestBeforeOthersImprove() {
        assertThat(fill(new long[][] {CAMERA, CAMERA, CAMERA}, new boolean[] {true, false, false}, 1_680_000))
                .containsExactly(8, 0, 0);
        // what is left after the stage is shared by the others
        assertThat(fill(new long[][] {CAMERA, CAMERA, CAMERA}, new boolean[] {true, false, false}, 1_800_000))
                .containsExactly(8, 2, 2);
        // a stage step that does not fit leaves the rest to the others
        assertThat(fill(new long[][] {CAMERA, CAMERA, CAMERA}, new boolean[] {true, false, false}, 1_500_000))
                .containsExactly(7, 2, 2);
    }

    @Test
    void aStepThatDoesNotFitIsSkippedForASmallerOneOfALaterTrack() {
        long[] coarse = {100_000, 600_000};
        long[] fine = {100_000, 150_000};
        assertThat(fill(new long[][] {coarse, fine}, new boolean[2], 300_000)).containsExactly(0, 1);
    }

    @Test
    void lowestLayersGoInOrderWhileTheyFitAndStopAtTheFirstThatDoesNot() {
        long[] cheap = {50_000};
        long[] dear = {200_000};
        assertThat(fill(new long[][] {CAMERA, CAMERA, CAMERA}, new boolean[3], 200_000)).containsExactly(0, 0, -1);
        // a cheaper lower-priority track does not play while a higher one is paused; the playing one climbs
        assertThat(fill(new long[][] {CAMERA, dear, cheap}, new boolean[3], 200_000)).containsExactly(2, -1, -1);
    }

    @Test
    void theFirstTrackAlwaysGetsItsLowestLayer() {
        assertThat(fill(new long[][] {CAMERA, CAMERA}, new boolean[2], 50_000)).containsExactly(0, -1);
        assertThat(fill(new long[][] {CAMERA, CAMERA}, new boolean[2], 0)).containsExactly(0, -1);
    }

    @Test
    void tracksWithoutVideoAreSkippedAndAreNotTheFirst() {
        assertThat(fill(new long[][] {NO_VIDEO, CAMERA, CAMERA}, new boolean[3], 50_000)).containsExactly(-1, 0, -1);
        assertThat(fill(new long[][] {CAMERA, NO_VIDEO, CAMERA}, new boolean[3], 200_000)).containsExactly(0, -1, 0);
    }

    @Test
    void floorAndClimbBudgetsAreSeparate() {
        // the lowest layers fit the floor budget; nothing fits the smaller climb budget
        assertThat(RoundRobinFill.fill(new long[][] {CAMERA, CAMERA}, new boolean[2], 200_000, 150_000))
                .containsExactly(0, 0);
        assertThat(RoundRobinFill.fill(new long[][] {CAMERA, CAMERA}, new boolean[2], 200_000, 209_999))
                .containsExactly(0, 0);
        assertThat(RoundRobinFill.fill(new long[][] {CAMERA, CAMERA}, new boolean[2], 200_000, 210_000))
                .containsExactly(1, 0);
    }
}
