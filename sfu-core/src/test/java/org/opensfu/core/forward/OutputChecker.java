package org.opensfu.core.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opensfu.core.forward.ForwarderHarness.Output;
import org.opensfu.core.forward.Vp8StreamGenerator.Frame;
import org.opensfu.core.forward.Vp8StreamGenerator.Packet;

/**
 * Checks what a subscriber received against the publisher's ground truth, whatever the loss, reordering and target
 * changes were. A "run" is the stretch forwarded from one layer since a key frame (the harness marks where each
 * started); a packet is "impaired" when it was lost for good or arrived after a later packet of its layer.
 *
 * <ul>
 * <li>Each source packet is forwarded at most once; no two outputs share a sequence number.</li>
 * <li>Runs start only at the first packet of a key frame of the target layer.</li>
 * <li>In output sequence order, runs follow each other, and inside a run the source order is kept.</li>
 * <li>Gaps: between two consecutive outputs of a run, at least one number per skipped packet of a forwarded frame
 * (a loss must stay visible), at most one per skipped packet that belongs to a forwarded frame or was impaired
 * (frames dropped on purpose leave none). Between runs, at most one per impaired packet of the old layer.</li>
 * <li>Every packet of a frame has the same output timestamp, picture ID and TL0PICIDX.</li>
 * <li>Within a run, timestamp and TL0PICIDX are shifted by a constant, picture IDs increase by one per forwarded
 * frame plus at most one per impaired frame skipped. Across runs the timestamp increases (by less than 2^31), the
 * TL0PICIDX and the picture ID by one plus at most the impaired (TL0) frames skipped.</li>
 * <li>Decodability: no forwarded frame references a frame that had arrived before it and was not forwarded, nor
 * one that arrived after it and was dropped for its temporal layer although that layer was forwarded all the time
 * in between (dropping it once the layer went down in between is fine: no later frame needs it).</li>
 * </ul>
 */
final class OutputChecker {
    private final Vp8StreamGenerator gen;
    private final ForwarderHarness h;
    private final int pictureIdBits;
    private final List<Output> outs;
    private final long[] extSeq;
    private final int[] runOf;
    private final List<Output> runStarts = new ArrayList<>();
    private final Map<Frame, List<Output>> byFrame = new IdentityHashMap<>();

    private OutputChecker(Vp8StreamGenerator gen, ForwarderHarness h, int pictureIdBits) {
        this.gen = gen;
        this.h = h;
        this.pictureIdBits = pictureIdBits;
        this.outs = h.outputs;
        this.extSeq = new long[outs.size()];
        this.runOf = new int[outs.size()];
    }

    /** @param pictureIdBits 15 or 7 as the stream sends them, 0 for none */
    static void check(Vp8StreamGenerator gen, ForwarderHarness h, int pictureIdBits) {
        new OutputChecker(gen, h, pictureIdBits).run();
    }

    private void run() {
        if (outs.isEmpty()) {
            return;
        }
        uniqueness();
        runs();
        sequenceOrderAndGaps();
        frames();
        decodability();
    }

    private void uniqueness() {
        Set<Integer> sources = new HashSet<>();
        Set<Long> numbers = new HashSet<>();
        long max = outs.get(0).seq();
        for (int i = 0; i < outs.size(); i++) {
            Output o = outs.get(i);
            assertThat(sources.add(o.source().id())).as("forwarded twice: %s", o).isTrue();
            long ext = max + (short) (o.seq() - (int) (max & 0xFFFF));
            extSeq[i] = ext;
            max = Math.max(max, ext);
            assertThat(numbers.add(ext)).as("output sequence number used twice: %s", o).isTrue();
        }
    }

    private void runs() {
        assertThat(outs.get(0).runStart()).as("the first output starts a run").isTrue();
        for (Output o : outs) {
            if (o.runStart()) {
                assertThat(o.source().startsKeyframe()).as("run starts at a key frame: %s", o).isTrue();
                assertThat(o.source().layer()).as("run starts on the target layer: %s", o).isEqualTo(o.targetSpatial());
                runStarts.add(o);
            }
        }
        for (int i = 0; i < outs.size(); i++) {
            Output o = outs.get(i);
            int r = o.runIndex();
            while (r >= 0 && (runStarts.get(r).source().layer() != o.source().layer()
                    || runStarts.get(r).source().extSeq() > o.source().extSeq())) {
                r--;
            }
            assertThat(r).as("output belongs to no run: %s", o).isGreaterThanOrEqualTo(0);
            runOf[i] = r;
            Frame f = o.source().frame();
            assertThat(f).as("padding is never forwarded").isNotNull();
            byFrame.computeIfAbsent(f, k -> new ArrayList<>()).add(o);
        }
    }

    private void sequenceOrderAndGaps() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> extSeq[i]));
        for (int k = 1; k < order.size(); k++) {
            int ia = order.get(k - 1);
            int ib = order.get(k);
            Output a = outs.get(ia);
            Output b = outs.get(ib);
            long gap = extSeq[ib] - extSeq[ia] - 1;
            int ra = runOf[ia];
            int rb = runOf[ib];
            if (ra == rb) {
                assertThat(b.source().extSeq()).as("source order kept within a run: %s then %s", a, b)
                        .isGreaterThan(a.source().extSeq());
                List<Packet> between = between(a.source().layer(), a.source().extSeq(), b.source().extSeq());
                long mustHaveNumbers = between.stream().filter(this::frameForwarded).count();
                long mayHaveNumbers = between.stream().filter(p -> frameForwarded(p) || impaired(p)).count();
                assertThat(gap).as("gap between %s and %s (skipped %s)", a, b, between)
                        .isBetween(mustHaveNumbers, mayHaveNumbers);
            } else {
                assertThat(rb).as("runs follow each other in sequence order: %s then %s", a, b).isEqualTo(ra + 1);
                assertThat(b.runStart()).as("a run's first number is its start: %s", b).isTrue();
                long highest = h.highestDeliveredBefore.get(b.deliveryIndex())[a.source().layer()];
                List<Packet> after = between(a.source().layer(), a.source().extSeq(), highest + 1);
                long mayHaveNumbers = after.stream().filter(p -> frameForwarded(p) || impaired(p)).count();
                assertThat(gap).as("gap across runs between %s and %s", a, b).isBetween(0L, mayHaveNumbers);
            }
        }
    }

    private void frames() {
        List<List<Frame>> framesOfRun = new ArrayList<>();
        for (int r = 0; r < runStarts.size(); r++) {
            framesOfRun.add(new ArrayList<>());
        }
        for (int i = 0; i < outs.size(); i++) {
            Frame f = outs.get(i).source().frame();
            List<Frame> list = framesOfRun.get(runOf[i]);
            if (!list.contains(f)) {
                list.add(f);
            }
        }
        for (Map.Entry<Frame, List<Output>> e : byFrame.entrySet()) {
            Output first = e.getValue().get(0);
            for (Output o : e.getValue()) {
                assertThat(o.timestamp()).as("timestamp of %s", o).isEqualTo(first.timestamp());
                assertThat(o.pictureId()).as("picture ID of %s", o).isEqualTo(first.pictureId());
                assertThat(o.tl0PicIdx()).as("TL0PICIDX of %s", o).isEqualTo(first.tl0PicIdx());
            }
        }
        Frame previousLast = null;
        for (int r = 0; r < runStarts.size(); r++) {
            List<Frame> frames = framesOfRun.get(r);
            frames.sort(Comparator.comparingInt(f -> f.index));
            Frame start = runStarts.get(r).source().frame();
            assertThat(frames.get(0)).as("run %s begins with its key frame", r).isSameAs(start);
            long tsOffset = (out(start).timestamp() - start.timestamp) & 0xFFFFFFFFL;
            int tl0Offset = (out(start).tl0PicIdx() - start.tl0PicIdx) & 0xFF;
            for (int k = 0; k < frames.size(); k++) {
                Frame f = frames.get(k);
                Output o = out(f);
                assertThat((o.timestamp() - f.timestamp) & 0xFFFFFFFFL).as("timestamp offset of %s", o)
                        .isEqualTo(tsOffset);
                if (f.tl0PicIdx >= 0) {
                    assertThat((o.tl0PicIdx() - f.tl0PicIdx) & 0xFF).as("TL0PICIDX offset of %s", o)
                            .isEqualTo(tl0Offset);
                }
                if (k > 0) {
                    Frame p = frames.get(k - 1);
                    checkPictureIdStep(p, f, impairedFramesBetween(f.layer, p.index, f.index), "within run");
                }
            }
            if (previousLast != null) {
                Output a = out(previousLast);
                Output b = out(start);
                long tsStep = (b.timestamp() - a.timestamp()) & 0xFFFFFFFFL;
                assertThat(tsStep).as("timestamp across runs %s -> %s", a, b).isBetween(1L, (1L << 31) - 1);
                long highest = h.highestDeliveredBefore.get(b.deliveryIndex())[previousLast.layer];
                int lastIndexSeen = previousLast.index;
                long impairedTl0Frames = 0;
                for (Frame f : gen.frames(previousLast.layer)) {
                    if (f.index > previousLast.index && !f.packets.isEmpty()
                            && f.packets.get(0).extSeq() <= highest) {
                        lastIndexSeen = f.index;
                        if (f.tid == 0 && f.packets.stream().anyMatch(this::impaired)) {
                            impairedTl0Frames++;
                        }
                    }
                }
                if (previousLast.tl0PicIdx >= 0 && start.tl0PicIdx >= 0) {
                    // one more than the last TL0 frame forwarded, or than a later one that may still come late
                    int tl0Step = (b.tl0PicIdx() - a.tl0PicIdx()) & 0xFF;
                    assertThat(tl0Step).as("TL0PICIDX across runs %s -> %s", a, b)
                            .isBetween(1, (int) (1 + impairedTl0Frames));
                }
                checkPictureIdStep(previousLast, start,
                        impairedFramesBetween(previousLast.layer, previousLast.index, lastIndexSeen + 1), "across runs");
            }
            previousLast = frames.get(frames.size() - 1);
        }
    }

    private void checkPictureIdStep(Frame a, Frame b, long impairedBetween, String where) {
        if (pictureIdBits == 0) {
            assertThat(out(b).pictureId()).isEqualTo(-1);
            return;
        }
        int mask = (1 << pictureIdBits) - 1;
        int step = (out(b).pictureId() - out(a).pictureId()) & mask;
        assertThat(step).as("picture ID step %s: %s -> %s", where, out(a), out(b))
                .isBetween(1, (int) Math.min(mask, 1 + impairedBetween));
    }

    private void decodability() {
        for (Map.Entry<Frame, List<Output>> e : byFrame.entrySet()) {
            Frame f = e.getKey();
            int firstOutputDelivery = e.getValue().stream().mapToInt(Output::deliveryIndex).min().orElseThrow();
            for (Frame ref : f.refs) {
                if (byFrame.containsKey(ref)) {
                    continue;
                }
                boolean arrivedBefore = ref.packets.stream().anyMatch(p -> h.firstDelivery.containsKey(p.id())
                        && h.firstDelivery.get(p.id()) < firstOutputDelivery);
                if (arrivedBefore) {
                    fail("forwarded %s references %s, which had arrived and was not forwarded", f, ref);
                }
                for (Packet p : ref.packets) {
                    for (int droppedAt : h.droppedForTemporalLayerAt.getOrDefault(p.id(), List.of())) {
                        if (layerPassedThroughout(ref, firstOutputDelivery, droppedAt)) {
                            fail("forwarded %s references %s, dropped for its temporal layer at delivery %s although"
                                    + " that layer passed since delivery %s", f, ref, droppedAt, firstOutputDelivery);
                        }
                    }
                }
            }
        }
    }

    /** True when {@code ref}'s spatial layer was forwarded with at least its temporal layer from {@code from} on. */
    private boolean layerPassedThroughout(Frame ref, int from, int to) {
        for (int d = from; d <= to; d++) {
            int[] layers = h.layersAfter.get(d);
            if (layers[0] != ref.layer || layers[1] < ref.tid) {
                return false;
            }
        }
        return true;
    }

    private Output out(Frame f) {
        return byFrame.get(f).get(0);
    }

    private boolean frameForwarded(Packet p) {
        return p.frame() != null && byFrame.containsKey(p.frame());
    }

    private boolean impaired(Packet p) {
        Boolean late = h.lateAtDelivery.get(p.id());
        return late == null || late;
    }

    private long impairedFramesBetween(int layer, int fromIndex, int toIndex) {
        long n = 0;
        List<Frame> frames = gen.frames(layer);
        for (int i = fromIndex + 1; i < toIndex && i < frames.size(); i++) {
            if (frames.get(i).packets.stream().anyMatch(this::impaired)) {
                n++;
            }
        }
        return n;
    }

    /** Packets of {@code layer} with extended sequence numbers strictly between the two. */
    private List<Packet> between(int layer, long fromExt, long toExt) {
        List<Packet> all = gen.packets(layer);
        List<Packet> r = new ArrayList<>();
        if (all.isEmpty()) {
            return r;
        }
        long base = all.get(0).extSeq();
        for (long s = Math.max(fromExt + 1, base); s < toExt && s - base < all.size(); s++) {
            r.add(all.get((int) (s - base)));
        }
        return r;
    }
}
