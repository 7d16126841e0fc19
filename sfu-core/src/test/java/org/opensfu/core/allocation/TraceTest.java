package org.opensfu.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The allocator driven through the synthetic estimate traces of {@code resources/traces}, in virtual time. */
class TraceTest {

    private static void assertNeverExceeds(TraceRun run) {
        for (TraceRun.Step step : run.steps) {
            assertThat(step.allocation().allocatedBps()).as("allocated at %d ms", step.timeMs())
                    .isEqualTo(TraceRun.targetBitrateBps(step))
                    .isLessThanOrEqualTo(step.estimateBps());
        }
    }

    @Test
    void stableNoisyEstimateSwitchesAtMostThreeTimesAMinute() {
        TraceRun run = TraceRun.threeCameras(EstimateTrace.load(TraceGenerator.STABLE), t -> Sources.camera30());
        System.out.println(run.summary());
        assertNeverExceeds(run);
        assertThat(run.switches).hasSizeLessThanOrEqualTo(3);
        assertThat(run.steps.getLast().allocation().allocatedBps()).isGreaterThan(1_500_000);
    }

    @Test
    void stepDownIsFollowedWithinOneStepWithoutEverExceeding() {
        TraceRun run = TraceRun.threeCameras(EstimateTrace.load(TraceGenerator.STEP_DOWN), t -> Sources.camera30());
        System.out.println(run.summary());
        assertNeverExceeds(run);
        TraceRun.Step before = run.steps.get(99);
        TraceRun.Step drop = run.steps.get(100);
        assertThat(before.timeMs()).isEqualTo(9_900);
        assertThat(drop.estimateBps()).isLessThan(500_000);
        assertThat(before.allocation().allocatedBps()).isGreaterThan(2_000_000);
        assertThat(drop.allocation().allocatedBps()).isLessThanOrEqualTo(drop.estimateBps());
        // the drop is the only downgrade, and nothing moves afterwards on the slightly noisy 400 kbps
        assertThat(run.switches).filteredOn(s -> !s.isUpgrade()).allMatch(s -> s.timeMs() == 10_000).hasSize(3);
        assertThat(run.switches).filteredOn(s -> s.timeMs() > 10_000).isEmpty();
    }

    @Test
    void slowRampUpgradesOnlyWhenTheEstimateHasSupportedItFor2Seconds() {
        EstimateTrace trace = EstimateTrace.load(TraceGenerator.RAMP);
        TraceRun run = TraceRun.threeCameras(trace, t -> Sources.camera30());
        System.out.println(run.summary());
        assertNeverExceeds(run);
        assertThat(run.switches).filteredOn(TraceRun.Switch::isUpgrade).hasSizeGreaterThanOrEqualTo(18);
        // a track only goes down in a rebalance, where another one goes up at the same step, and never to NONE
        assertThat(run.switches).filteredOn(s -> !s.isUpgrade()).allSatisfy(down -> {
            assertThat(down.to()).isNotEqualTo(Layer.NONE);
            assertThat(run.switches).anyMatch(up -> up.timeMs() == down.timeMs() && up.isUpgrade());
        });
        for (TraceRun.Step step : run.steps) {
            boolean upgradedHere = run.switches.stream().anyMatch(s -> s.timeMs() == step.timeMs());
            if (upgradedHere) {
                assertThat(step.timeMs()).isGreaterThanOrEqualTo(2_000);
                assertThat(step.allocation().allocatedBps()).as("upgrade at %d ms", step.timeMs())
                        .isLessThanOrEqualTo((long) (0.9 * trace.minOver(step.timeMs(), 2_000)));
            }
        }
        assertThat(run.steps.getLast().allocation().targets()).containsValues(new Layer(2, 2))
                .allSatisfy((id, layer) -> assertThat(layer).isEqualTo(new Layer(2, 2)));
    }

    @Test
    void noisyLayerBitratesOnANoisyEstimateDoNotOscillateEither() {
        Random random = new Random(43);
        TraceRun run = TraceRun.threeCameras(EstimateTrace.load(TraceGenerator.STABLE),
                t -> Sources.noisy(Sources.camera30(), random, 0.15));
        System.out.println("noisy layers: " + run.summary());
        assertNeverExceeds(run);
        // both noises together: nothing goes down, and after the first climb at most one lasting upgrade per track
        assertThat(run.switches).allMatch(TraceRun.Switch::isUpgrade);
        assertThat(run.switches).filteredOn(s -> s.timeMs() > 2_000).hasSizeLessThanOrEqualTo(3)
                .extracting(TraceRun.Switch::trackId).doesNotHaveDuplicates();
    }

    @Test
    void noisyLayerBitratesWithAStableEstimateDoNotOscillate() {
        TraceRun run = noisyLayers(AllocatorConfig.DEFAULT);
        System.out.println(run.summary());
        assertNeverExceeds(run);
        assertThat(run.switches).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void withoutBitratePeaksTheSameNoisyLayersWouldOscillate() {
        // shows the previous test has teeth: costing layers at their current bitrate switches again and again
        TraceRun run = noisyLayers(AllocatorConfig.DEFAULT.withBitratePeakWindowNanos(0));
        System.out.println("without peaks: " + run.summary());
        assertNeverExceeds(run);
        assertThat(run.switches).hasSizeGreaterThan(6);
    }

    private static TraceRun noisyLayers(AllocatorConfig config) {
        Random random = new Random(42);
        java.util.List<TraceRun.Track> tracks = java.util.List.of(new TraceRun.Track("a", TrackConstraints.DEFAULT),
                new TraceRun.Track("b", TrackConstraints.DEFAULT), new TraceRun.Track("c", TrackConstraints.DEFAULT));
        return TraceRun.run(EstimateTrace.load(TraceGenerator.FLAT), config, tracks,
                t -> java.util.Map.of("a", Sources.noisy(Sources.camera30(), random, 0.15),
                        "b", Sources.noisy(Sources.camera30(), random, 0.15),
                        "c", Sources.noisy(Sources.camera30(), random, 0.15)));
    }
}
