package org.opensfu.core.allocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.opensfu.core.time.ManualClock;

/**
 * Drives an allocator through an estimate trace in virtual time, one call per sample, and records what it chose.
 * Each call reports as {@code current} the target of the previous call, as a forwarder would.
 */
final class TraceRun {
    /** One call: the estimate, the layer information given and the allocation returned. */
    record Step(long timeMs, long estimateBps, Map<String, LayerInfo> layers, Allocation allocation) {
    }

    /** A change of one track's target. */
    record Switch(long timeMs, String trackId, Layer from, Layer to) {
        boolean isUpgrade() {
            return to.compareTo(from) > 0;
        }
    }

    /** What the tracks are at a given time: id and constraints; layers come from {@code layersAt}. */
    record Track(String id, TrackConstraints constraints) {
    }

    final EstimateTrace trace;
    final List<Step> steps = new ArrayList<>();
    final List<Switch> switches = new ArrayList<>();

    private TraceRun(EstimateTrace trace) {
        this.trace = trace;
    }

    /**
     * @param layersAt the layer information of each track at a given time in ms (may be noisy)
     */
    static TraceRun run(EstimateTrace trace, AllocatorConfig config, List<Track> tracks,
            LongFunction<Map<String, LayerInfo>> layersAt) {
        TraceRun run = new TraceRun(trace);
        ManualClock clock = new ManualClock();
        BandwidthAllocator allocator = new BandwidthAllocator(config);
        Map<String, Layer> current = new HashMap<>();
        for (EstimateTrace.Sample sample : trace.samples()) {
            clock.setNanos(sample.timeMs() * 1_000_000);
            Map<String, LayerInfo> layers = layersAt.apply(sample.timeMs());
            List<AllocationInput> inputs = new ArrayList<>();
            for (Track track : tracks) {
                inputs.add(new AllocationInput(track.id(), layers.get(track.id()), track.constraints(),
                        current.getOrDefault(track.id(), Layer.NONE)));
            }
            Allocation allocation = allocator.allocate(sample.estimateBps(), inputs, clock.nowNanos());
            run.steps.add(new Step(sample.timeMs(), sample.estimateBps(), layers, allocation));
            for (Map.Entry<String, Layer> target : allocation.targets().entrySet()) {
                Layer before = current.put(target.getKey(), target.getValue());
                if (before != null && !before.equals(target.getValue())) {
                    run.switches.add(new Switch(sample.timeMs(), target.getKey(), before, target.getValue()));
                }
            }
        }
        return run;
    }

    /** Three default tracks a, b, c with the same source at every step. */
    static TraceRun threeCameras(EstimateTrace trace, LongFunction<LayerInfo> source) {
        List<Track> tracks = List.of(new Track("a", TrackConstraints.DEFAULT), new Track("b", TrackConstraints.DEFAULT),
                new Track("c", TrackConstraints.DEFAULT));
        return run(trace, AllocatorConfig.DEFAULT, tracks,
                t -> Map.of("a", source.apply(t), "b", source.apply(t), "c", source.apply(t)));
    }

    /** The sum of the given layers' bitrates of the targets at a step, recomputed from the inputs. */
    static long targetBitrateBps(Step step) {
        long total = 0;
        for (Map.Entry<String, Layer> target : step.allocation().targets().entrySet()) {
            total += step.layers().get(target.getKey()).bitrateBps(target.getValue());
        }
        return total;
    }

    String summary() {
        StringBuilder s = new StringBuilder(trace.name()).append(": ").append(switches.size()).append(" switches");
        for (Switch sw : switches) {
            s.append("\n  ").append(sw.timeMs()).append(" ms ").append(sw.trackId()).append(' ').append(sw.from())
                    .append(" -> ").append(sw.to());
        }
        Step last = steps.getLast();
        s.append("\n  final ").append(last.allocation().targets()).append(" allocated ")
                .append(last.allocation().allocatedBps()).append(" of ").append(last.estimateBps());
        return s.toString();
    }
}
