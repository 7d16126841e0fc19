package org.opensfu.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BandwidthAllocatorTest {
    private static final long MS = 1_000_000;
    private static final Layer S0T0 = new Layer(0, 0);
    private static final Layer S0T2 = new Layer(0, 2);
    private static final Layer S1T2 = new Layer(1, 2);
    private static final Layer S2T0 = new Layer(2, 0);
    private static final Layer S2T1 = new Layer(2, 1);
    private static final Layer S2T2 = new Layer(2, 2);

    private final BandwidthAllocator allocator = new BandwidthAllocator(AllocatorConfig.DEFAULT);

    /** Calls every 100 ms from {@code fromMs} to {@code toMs} inclusive with a constant estimate. */
    private Allocation run(long bps, long fromMs, long toMs, List<AllocationInput> inputs) {
        Allocation last = null;
        for (long t = fromMs; t <= toMs; t += 100) {
            last = allocator.allocate(bps, inputs, t * MS);
            assertThat(last.allocatedBps()).isLessThanOrEqualTo(bps);
        }
        return last;
    }

    @Test
    void constraintsShapeTheTargets() {
        List<AllocationInput> inputs = List.of(
                Sources.input("a", Sources.camera30(), TrackConstraints.DEFAULT.withMaxHeightPx(180)),
                Sources.input("b", Sources.camera30(), TrackConstraints.DEFAULT.withMaxFrameRate(15)),
                Sources.input("c", Sources.camera30(), TrackConstraints.DEFAULT.withMaxHeightPx(0)));
        Allocation allocation = run(10_000_000, 0, 2000, inputs);
        assertThat(allocation.targets()).containsEntry("a", S0T2).containsEntry("b", S2T1)
                .containsEntry("c", Layer.NONE);
        assertThat(allocation.allocatedBps()).isEqualTo(150_000 + 1_200_000);
        assertThat(allocation.desiredBps()).isEqualTo(150_000 + 1_200_000);
    }

    @Test
    void desiredIsWhatEveryTrackWouldTakeAtItsBestAllowedLayer() {
        Allocation allocation = allocator.allocate(100_000, List.of(Sources.input("a"), Sources.input("b"),
                Sources.input("c", Sources.camera30(), TrackConstraints.DEFAULT.withMaxHeightPx(360))), 0);
        assertThat(allocation.desiredBps()).isEqualTo(1_500_000 + 1_500_000 + 500_000);
    }

    @Test
    void newTracksStartAtTheirCurrentLayerIfItFitsElseTheirLowest() {
        Allocation allocation = allocator.allocate(2_000_000, List.of(
                new AllocationInput("a", Sources.camera30(), TrackConstraints.DEFAULT, new Layer(1, 1)),
                Sources.input("b")), 0);
        assertThat(allocation.targets()).containsEntry("a", new Layer(1, 1)).containsEntry("b", S0T0);
    }

    @Test
    void noUpgradeBeforeTheEstimateHasBeenSeenForTheSustainPeriod() {
        List<AllocationInput> inputs = List.of(Sources.input("a"));
        assertThat(run(10_000_000, 0, 1900, inputs).target("a")).isEqualTo(S0T0);
        assertThat(run(10_000_000, 2000, 2000, inputs).target("a")).isEqualTo(S2T2);
    }

    @Test
    void anUpgradeMustFitTheHeadroomBelowTheLowestEstimateOfTheWindow() {
        List<AllocationInput> inputs = List.of(Sources.input("a"));
        // 0.9 x 1.6M = 1.44M: S2T1 (1.2M) fits, S2T2 (1.5M) does not
        assertThat(run(1_600_000, 0, 3000, inputs).target("a")).isEqualTo(S2T1);
        // 0.9 x 1.7M = 1.53M fits S2T2, but only once 1.6M has left the 2 s window
        assertThat(run(1_700_000, 3100, 5000, inputs).target("a")).isEqualTo(S2T1);
        assertThat(run(1_700_000, 5100, 5100, inputs).target("a")).isEqualTo(S2T2);
    }

    @Test
    void aDipWithinTheHeadroomKeepsTheLayers() {
        List<AllocationInput> inputs = List.of(Sources.input("a"), Sources.input("b"), Sources.input("c"));
        // 0.9 x 2.5M = 2.25M: three S1T2 (1.5M), a to S2T0 (+400k) then S2T1 (+300k)
        Allocation settled = run(2_500_000, 0, 3000, inputs);
        assertThat(settled.allocatedBps()).isEqualTo(2_200_000);
        assertThat(run(2_200_000, 3100, 20_000, inputs).targets()).isEqualTo(settled.targets());
        assertThat(allocator.allocate(2_199_999, inputs, 20_100 * MS).allocatedBps()).isLessThan(2_200_000);
    }

    @Test
    void aForcedDowngradeIsImmediateNeverRaisesATrackAndFitsBelowTheHeadroom() {
        List<AllocationInput> inputs = List.of(Sources.input("a"), Sources.input("b"), Sources.input("c"));
        Allocation before = run(3_000_000, 0, 3000, inputs);
        Allocation after = allocator.allocate(1_000_000, inputs, 3100 * MS);
        assertThat(after.allocatedBps()).isLessThanOrEqualTo(900_000);
        for (String id : List.of("a", "b", "c")) {
            assertThat(after.target(id)).isLessThan(before.target(id));
        }
    }

    @Test
    void noUpgradeWithinTheBackoffAfterAForcedDowngrade() {
        List<AllocationInput> inputs = List.of(Sources.input("a"));
        assertThat(run(10_000_000, 0, 3000, inputs).target("a")).isEqualTo(S2T2);
        Allocation forced = allocator.allocate(1_000_000, inputs, 3100 * MS);
        assertThat(forced.target("a")).isEqualTo(S2T0); // 900k, within 0.9 x 1M
        assertThat(run(10_000_000, 3200, 8000, inputs).target("a")).isEqualTo(S2T0);
        assertThat(run(10_000_000, 8100, 8100, inputs).target("a")).isEqualTo(S2T2);
    }

    @Test
    void anUpgradeThatDidNotFitIsNotRetriedUntilTheBudgetGrows() {
        // one camera on a link just under its middle layer (S1T0, 300k): the estimate saws between 230k and 350k
        List<AllocationInput> inputs = List.of(Sources.input("a"));
        int upgrades = 0;
        Layer previous = Layer.NONE;
        for (long t = 0; t <= 60_000; t += 100) {
            Layer current = previous;
            long estimateBps = 350_000;
            if (current.compareTo(new Layer(0, 2)) > 0) {
                estimateBps = 230_000; // the middle layer's key frame and rate overload the link: a forced downgrade
            }
            Layer target = allocator.allocate(estimateBps, inputs, t * MS).target("a");
            if (target.compareTo(previous) > 0 && !previous.isNone()) {
                upgrades++;
            }
            previous = target;
        }
        // S0T0 -> S0T2 once; the one try above S0T2 failed and is not repeated for the budget it failed at
        assertThat(upgrades).isLessThanOrEqualTo(3);
        assertThat(previous).isEqualTo(S0T2);

        // the link really improves: the upgrade comes as soon as the sustain window shows it
        Allocation better = run(600_000, 60_100, 62_100, inputs);
        assertThat(better.target("a")).isGreaterThan(S0T2);
    }

    @Test
    void onStageTracksClimbFirst() {
        List<AllocationInput> inputs = List.of(Sources.input("a"), Sources.input("b"),
                Sources.input("c", Sources.camera30(), TrackConstraints.DEFAULT.withOnStage(true)));
        // 0.9 x 2M = 1.8M: the stage takes 1.5M, the others share the rest at 180p
        Allocation allocation = run(2_000_000, 0, 2000, inputs);
        assertThat(allocation.targets()).containsExactly(entry("c", S2T2), entry("a", S0T2), entry("b", S0T2));
    }

    @Test
    void higherPriorityClimbsFirstThenTrackId() {
        List<AllocationInput> inputs = List.of(Sources.input("a"), Sources.input("b"),
                Sources.input("c", Sources.camera30(), TrackConstraints.DEFAULT.withPriority(5)));
        // 0.9 x 2.2M = 1.98M: three S1T2 (1.5M), then one step to S2T0 (+400k) for the first in order
        Allocation allocation = run(2_200_000, 0, 2000, inputs);
        assertThat(allocation.targets()).containsExactly(entry("c", S2T0), entry("a", S1T2), entry("b", S1T2));
    }

    @Test
    void whenNotEveryLowestLayerFitsTracksPlayInOrderWhileTheyFit() {
        List<AllocationInput> inputs = List.of(Sources.input("a"), Sources.input("b"),
                Sources.input("c", Sources.camera30(), TrackConstraints.DEFAULT.withPriority(1)));
        Allocation allocation = allocator.allocate(200_000, inputs, 0);
        assertThat(allocation.targets()).containsExactly(entry("c", S0T0), entry("a", S0T0), entry("b", Layer.NONE));
        assertThat(allocation.allocatedBps()).isEqualTo(180_000);
    }

    @Test
    void theFirstTrackPlaysEvenWhenItsLowestLayerAloneExceedsTheEstimate() {
        List<AllocationInput> inputs = List.of(Sources.input("a"), Sources.input("b"));
        Allocation allocation = allocator.allocate(50_000, inputs, 0);
        assertThat(allocation.targets()).containsExactly(entry("a", S0T0), entry("b", Layer.NONE));
        assertThat(allocation.allocatedBps()).isEqualTo(90_000);
        // and keeps playing while the estimate stays that low
        for (long t = 100; t <= 10_000; t += 100) {
            assertThat(allocator.allocate(50_000, List.of(Sources.input("b")), t * MS).target("b")).isEqualTo(S0T0);
        }
    }

    @Test
    void onlyAForcedDowngradePausesATrack() {
        List<AllocationInput> inputs = List.of(Sources.input("a"), Sources.input("b"), Sources.input("c"));
        // the three lowest layers (270k) fit 280k but not 0.9 x 280k: the fair fill of 252k would pause c so that a
        // and b climb; playing tracks are not paused for that
        Allocation allocation = run(280_000, 0, 10_000, inputs);
        assertThat(allocation.targets()).containsExactly(entry("a", S0T0), entry("b", S0T0), entry("c", S0T0));
    }

    @Test
    void aPausedTrackResumesOnlyAsAnUpgrade() {
        List<AllocationInput> inputs = List.of(Sources.input("a"), Sources.input("b"));
        assertThat(run(250_000, 0, 3000, inputs).target("b")).isEqualTo(S0T0);
        // b played and is paused by a real downgrade: upgrades wait 5 s after it
        assertThat(allocator.allocate(150_000, inputs, 3100 * MS).target("b")).isEqualTo(Layer.NONE);
        assertThat(run(250_000, 3200, 8000, inputs).target("b")).isEqualTo(Layer.NONE);
        assertThat(run(250_000, 8100, 8100, inputs).target("b")).isEqualTo(S0T0);
    }

    @Test
    void fittingNewTracksIntoALowFirstEstimateIsNoDowngrade() {
        List<AllocationInput> inputs = List.of(Sources.input("a"), Sources.input("b"));
        // b does not fit at first: paused, but that is no downgrade of anything that played, so no 5 s backoff
        assertThat(allocator.allocate(150_000, inputs, 0).target("b")).isEqualTo(Layer.NONE);
        // 0.9 x 250k fits both lowest layers once the estimate has been seen for the sustain period
        assertThat(run(250_000, 100, 1900, inputs).target("b")).isEqualTo(Layer.NONE);
        assertThat(run(250_000, 2100, 2100, inputs).target("b")).isEqualTo(S0T0);
    }

    @Test
    void aLowerConstraintAppliesAtOnceAndARaisedOneToo() {
        TrackConstraints small = TrackConstraints.DEFAULT.withMaxHeightPx(180);
        assertThat(run(10_000_000, 0, 2000, List.of(Sources.input("a"))).target("a")).isEqualTo(S2T2);
        assertThat(run(10_000_000, 2100, 2100, List.of(Sources.input("a", Sources.camera30(), small)))
                .target("a")).isEqualTo(S0T2);
        assertThat(run(10_000_000, 2200, 2200, List.of(Sources.input("a"))).target("a")).isEqualTo(S2T2);
    }

    @Test
    void aSpeakerChangeRebalancesAtOnce() {
        TrackConstraints stage = TrackConstraints.DEFAULT.withOnStage(true);
        Allocation first = run(2_000_000, 0, 3000, List.of(Sources.input("a", Sources.camera30(), stage),
                Sources.input("b"), Sources.input("c")));
        assertThat(first.target("a")).isEqualTo(S2T2);
        Allocation second = run(2_000_000, 3100, 3100, List.of(Sources.input("a"),
                Sources.input("b", Sources.camera30(), stage), Sources.input("c")));
        assertThat(second.targets()).containsExactly(entry("b", S2T2), entry("a", S0T2), entry("c", S0T2));
    }

    @Test
    void aNewTrackGetsItsShareAtOnce() {
        Allocation two = run(4_000_000, 0, 3000, List.of(Sources.input("a"), Sources.input("b")));
        assertThat(two.targets()).containsExactly(entry("a", S2T2), entry("b", S2T2));
        Allocation three = run(4_000_000, 3100, 3100,
                List.of(Sources.input("a"), Sources.input("b"), Sources.input("c")));
        assertThat(three.targets()).containsExactly(entry("a", S2T1), entry("b", S2T1), entry("c", S2T1));
    }

    @Test
    void aRebalanceCausedByBitratesAloneWaitsForTheHold() {
        List<AllocationInput> before = List.of(Sources.input("a"), Sources.input("b"));
        // 0.9 x 1.611M = 1.45M: both S1T2 (1M), then a takes S2T0 (+400k)
        Allocation settled = run(1_611_111, 0, 2900, before);
        assertThat(settled.targets()).containsExactly(entry("a", S2T0), entry("b", S1T2));
        // a's 720p grows by 20%: still within the estimate, but now the fair share gives S2T0 to b instead
        long[][] bps = Sources.camera30().bitrateBps();
        for (int t = 0; t < 3; t++) {
            bps[2][t] = bps[2][t] * 6 / 5;
        }
        LayerInfo heavier = new LayerInfo(bps, Sources.HEIGHTS, Sources.rates(7.5, 15, 30));
        List<AllocationInput> after = List.of(Sources.input("a", heavier, TrackConstraints.DEFAULT),
                Sources.input("b"));
        assertThat(run(1_611_111, 3000, 7900, after).targets()).isEqualTo(settled.targets());
        assertThat(run(1_611_111, 8000, 8000, after).targets())
                .containsExactly(entry("a", S1T2), entry("b", S2T0));
    }

    @Test
    void forgetsTracksThatAreGone() {
        assertThat(run(10_000_000, 0, 2000, List.of(Sources.input("a"))).target("a")).isEqualTo(S2T2);
        assertThat(run(10_000_000, 2100, 2100, List.of(Sources.input("b"))).targets()).containsOnlyKeys("b");
        assertThat(run(10_000_000, 2200, 2200, List.of(Sources.input("a"), Sources.input("b"))).target("a"))
                .isEqualTo(S2T2); // a is new again, and the estimate has long supported it
    }

    @Test
    void rejectsDuplicateIdsTimeGoingBackAndNegativeEstimates() {
        assertThatThrownBy(() -> allocator.allocate(1, List.of(Sources.input("a"), Sources.input("a")), 0))
                .isInstanceOf(IllegalArgumentException.class);
        allocator.allocate(1, List.of(), 10);
        assertThatThrownBy(() -> allocator.allocate(1, List.of(), 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> allocator.allocate(-1, List.of(), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noInputsNoTargets() {
        assertThat(allocator.allocate(1_000_000, List.of(), 0)).isEqualTo(new Allocation(java.util.Map.of(), 0, 0));
    }

    private static java.util.Map.Entry<String, Layer> entry(String id, Layer layer) {
        return java.util.Map.entry(id, layer);
    }
}
