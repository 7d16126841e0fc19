package org.opensfu.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random sources, constraints, estimates and timings (tracks coming and going, constraints and bitrates changing):
 * the allocation never exceeds the estimate except by the documented rule, respects every constraint, and is a
 * deterministic function of the calls.
 */
class AllocatorPropertiesTest {
    private static final int[] HEIGHT_LIMITS = {0, 90, 180, 240, 360, 720, TrackConstraints.NO_HEIGHT_LIMIT};
    private static final double[] FRAME_RATE_LIMITS = {0, 5, 7.5, 10, 15, 30, TrackConstraints.NO_FRAME_RATE_LIMIT};
    private static final long[] STEPS_MS = {0, 50, 100, 100, 100, 500, 1000, 3000};

    record Track(String id, LayerInfo source, TrackConstraints usual, TrackConstraints other) {
    }

    record Call(long timeMs, long estimateBps, List<AllocationInput> inputs) {
    }

    record Scenario(List<Call> calls) {
    }

    private static Scenario scenario(int trackCount, int callCount, long seed) {
        Random random = new Random(seed);
        List<Track> tracks = new ArrayList<>();
        for (int i = 0; i < trackCount; i++) {
            tracks.add(new Track("t" + i, source(random), constraints(random), constraints(random)));
        }
        List<Call> calls = new ArrayList<>();
        long timeMs = 0;
        long estimateBps = 1_000_000;
        for (int c = 0; c < callCount; c++) {
            timeMs += STEPS_MS[random.nextInt(STEPS_MS.length)];
            estimateBps = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(400_000);
                case 1 -> random.nextInt(6_000_000);
                default -> Math.max(0, Math.round(estimateBps * (0.8 + 0.4 * random.nextDouble())));
            };
            List<AllocationInput> inputs = new ArrayList<>();
            for (Track track : tracks) {
                if (random.nextInt(10) == 0) {
                    continue; // absent this time
                }
                LayerInfo layers = random.nextInt(3) == 0 ? scaled(track.source(), 0.7 + 0.6 * random.nextDouble())
                        : track.source();
                TrackConstraints constraints = random.nextInt(8) == 0 ? track.other() : track.usual();
                inputs.add(new AllocationInput(track.id(), layers, constraints, Layer.NONE));
            }
            calls.add(new Call(timeMs, estimateBps, inputs));
        }
        return new Scenario(calls);
    }

    private static LayerInfo source(Random random) {
        int spatials = 1 + random.nextInt(3);
        long[][] bps = new long[spatials][];
        int[] heights = new int[spatials];
        double[][] rates = new double[spatials][];
        double baseRate = new double[] {5, 7.5, 10, 15}[random.nextInt(4)];
        for (int s = 0; s < spatials; s++) {
            int temporals = 1 + random.nextInt(3);
            bps[s] = new long[temporals];
            rates[s] = new double[temporals];
            heights[s] = random.nextInt(6) == 0 ? 0 : 180 << s;
            boolean active = random.nextInt(5) != 0;
            long total = 0;
            for (int t = 0; t < temporals; t++) {
                total += 20_000 + random.nextInt(600_000 << s);
                bps[s][t] = active ? total : 0;
                rates[s][t] = random.nextInt(6) == 0 ? 0 : baseRate * (1 << t);
            }
            if (temporals > 1 && random.nextInt(6) == 0) {
                bps[s][temporals - 1] = 0; // top temporal layer off
            }
        }
        return new LayerInfo(bps, heights, rates);
    }

    private static TrackConstraints constraints(Random random) {
        return new TrackConstraints(HEIGHT_LIMITS[random.nextInt(HEIGHT_LIMITS.length)],
                FRAME_RATE_LIMITS[random.nextInt(FRAME_RATE_LIMITS.length)], random.nextInt(4) == 0,
                random.nextInt(3));
    }

    private static LayerInfo scaled(LayerInfo info, double factor) {
        long[][] bps = info.bitrateBps();
        for (long[] row : bps) {
            for (int t = 0; t < row.length; t++) {
                row[t] = Math.round(row[t] * factor);
            }
        }
        return new LayerInfo(bps, info.heightPx(), info.frameRate());
    }

    private static List<Allocation> play(Scenario scenario, boolean shuffleInputs) {
        BandwidthAllocator allocator = new BandwidthAllocator(AllocatorConfig.DEFAULT);
        Random shuffler = new Random(99);
        List<Allocation> results = new ArrayList<>();
        for (Call call : scenario.calls()) {
            List<AllocationInput> inputs = new ArrayList<>(call.inputs());
            if (shuffleInputs) {
                Collections.shuffle(inputs, shuffler);
            }
            results.add(allocator.allocate(call.estimateBps(), inputs, call.timeMs() * 1_000_000));
        }
        return results;
    }

    @Property(tries = 400)
    void neverExceedsTheEstimateExceptForTheFirstTracksLowestLayer(@ForAll @IntRange(min = 1, max = 5) int tracks,
            @ForAll @IntRange(min = 1, max = 60) int calls, @ForAll long seed) {
        Scenario scenario = scenario(tracks, calls, seed);
        List<Allocation> results = play(scenario, false);
        for (int c = 0; c < results.size(); c++) {
            Call call = scenario.calls().get(c);
            Allocation allocation = results.get(c);
            long sum = 0;
            for (AllocationInput in : call.inputs()) {
                sum += in.layers().bitrateBps(allocation.target(in.trackId()));
            }
            assertThat(allocation.allocatedBps()).isEqualTo(sum);
            assertThat(allocation.targets().keySet())
                    .containsExactlyInAnyOrderElementsOf(call.inputs().stream().map(AllocationInput::trackId).toList());

            List<AllocationInput> ordered = new ArrayList<>(call.inputs());
            ordered.sort(TrackOrder.COMPARATOR);
            AllocationInput first = ordered.stream()
                    .filter(in -> !LayerLadder.options(in.layers(), in.constraints(), 7).isEmpty())
                    .findFirst().orElse(null);
            if (first != null) {
                Layer lowest = LayerLadder.options(first.layers(), first.constraints(), 7).getFirst().layer();
                assertThat(allocation.target(first.trackId())).as("the first track plays").isNotEqualTo(Layer.NONE);
                if (allocation.allocatedBps() > call.estimateBps()) {
                    assertThat(allocation.target(first.trackId())).isEqualTo(lowest);
                    assertThat(first.layers().bitrateBps(lowest)).isGreaterThan(call.estimateBps());
                    assertThat(allocation.targets().values().stream().filter(l -> !l.isNone())).hasSize(1);
                }
            } else {
                assertThat(allocation.targets().values()).allMatch(Layer::isNone);
            }
            if (allocation.allocatedBps() > call.estimateBps()) {
                assertThat(first).as("over the estimate only by the first track's rule").isNotNull();
            }
        }
    }

    @Property(tries = 400)
    void respectsMaxHeightAndMaxFrameRate(@ForAll @IntRange(min = 1, max = 5) int tracks,
            @ForAll @IntRange(min = 1, max = 40) int calls, @ForAll long seed) {
        Scenario scenario = scenario(tracks, calls, seed);
        List<Allocation> results = play(scenario, false);
        for (int c = 0; c < results.size(); c++) {
            for (AllocationInput in : scenario.calls().get(c).inputs()) {
                Layer target = results.get(c).target(in.trackId());
                LayerInfo info = in.layers();
                TrackConstraints limits = in.constraints();
                if (!limits.wantsVideo()) {
                    assertThat(target).isEqualTo(Layer.NONE);
                }
                if (target.isNone()) {
                    continue;
                }
                int s = target.spatial();
                int t = target.temporal();
                assertThat(info.bitrateBps(s, t)).as("active").isPositive();
                boolean heightOk = limits.maxHeightPx() == TrackConstraints.NO_HEIGHT_LIMIT
                        || (info.heightPx(s) > 0 && info.heightPx(s) <= limits.maxHeightPx());
                if (!heightOk) {
                    // only when no active layer fits, and then the lowest active one
                    for (int other = 0; other < info.spatialLayers(); other++) {
                        boolean active = false;
                        for (int k = 0; k < info.temporalLayers(other); k++) {
                            active |= info.bitrateBps(other, k) > 0;
                        }
                        if (active) {
                            assertThat(other).as("lowest active spatial layer").isGreaterThanOrEqualTo(s);
                            assertThat(info.heightPx(other) > 0 && info.heightPx(other) <= limits.maxHeightPx())
                                    .as("no layer within the height limit").isFalse();
                        }
                    }
                }
                double rate = info.frameRate(s, t);
                boolean known = rate > 0;
                boolean rateOk = known ? rate <= limits.maxFrameRate() * LayerLadder.FRAME_RATE_SLACK
                        : Double.isInfinite(limits.maxFrameRate());
                if (!rateOk) {
                    for (int lower = 0; lower < t; lower++) {
                        assertThat(info.bitrateBps(s, lower)).as("only the lowest active temporal layer may exceed")
                                .isZero();
                    }
                }
                assertThat(LayerLadder.options(info, limits, 7).stream().map(LayerOption::layer)).contains(target);
            }
        }
    }

    @Property(tries = 200)
    void isDeterministicAndIndependentOfInputOrder(@ForAll @IntRange(min = 1, max = 5) int tracks,
            @ForAll @IntRange(min = 1, max = 40) int calls, @ForAll long seed) {
        Scenario scenario = scenario(tracks, calls, seed);
        List<Allocation> once = play(scenario, false);
        assertThat(play(scenario, false)).isEqualTo(once);
        List<Allocation> shuffled = play(scenario, true);
        for (int c = 0; c < once.size(); c++) {
            assertThat(Map.copyOf(shuffled.get(c).targets())).isEqualTo(Map.copyOf(once.get(c).targets()));
            assertThat(shuffled.get(c).allocatedBps()).isEqualTo(once.get(c).allocatedBps());
            assertThat(shuffled.get(c).desiredBps()).isEqualTo(once.get(c).desiredBps());
        }
    }
}
