package org.opensfu.core.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opensfu.core.codec.vp8.Vp8PayloadDescriptor;
import org.opensfu.core.forward.ForwarderHarness.Output;
import org.opensfu.core.forward.Vp8StreamGenerator.Frame;
import org.opensfu.core.forward.Vp8StreamGenerator.Packet;
import org.opensfu.core.forward.Vp8StreamGenerator.PictureIds;
import org.opensfu.core.forward.Vp8StreamGenerator.Pattern;
import org.opensfu.core.rtp.RtpPacket;
import org.opensfu.core.testing.TestPackets;

/** Scenario by scenario: exact outputs of switches, temporal changes, loss, reordering, wraps, pause. */
class VideoLayerForwarderTest {
    private static final int SEQ0 = 5000;
    private static final long TS0 = 900_000;
    private static final int PID0 = 300;
    private static final int TL00 = 40;

    private Vp8StreamGenerator gen = Vp8StreamGenerator.threeLayers(1, Pattern.L1T3);
    private ForwarderHarness h = new ForwarderHarness(new VideoLayerForwarder(SEQ0, TS0, PID0, TL00));
    private VideoLayerForwarder fwd = h.forwarder;

    /** Delivers one tick of all layers at the tick's time; returns its packets. */
    private List<Packet> tick() {
        long t = gen.nowNanos();
        List<Packet> packets = gen.nextTick();
        h.deliverAll(packets, t);
        return packets;
    }

    private void ticks(int n) {
        for (int i = 0; i < n; i++) {
            tick();
        }
    }

    private static List<Packet> ofLayer(List<Packet> packets, int layer) {
        return packets.stream().filter(p -> p.layer() == layer).toList();
    }

    private void checkAll(int pictureIdBits) {
        OutputChecker.check(gen, h, pictureIdBits);
    }

    /** Outputs in forwarding order must have consecutive sequence numbers. */
    private static void assertConsecutive(List<Output> outputs) {
        for (int i = 1; i < outputs.size(); i++) {
            assertThat(outputs.get(i).seq()).as("after %s", outputs.get(i - 1))
                    .isEqualTo((outputs.get(i - 1).seq() + 1) & 0xFFFF);
        }
    }

    @Test
    void forwardsNothingWithoutTargetAndStartsAtAKeyframe() {
        tick(); // key frames on every layer, but no target yet
        assertThat(h.outputs).isEmpty();
        assertThat(fwd.needsKeyframe()).isFalse();
        assertThat(fwd.currentSpatialLayer()).isEqualTo(-1);
        fwd.setTarget(1, 2);
        assertThat(fwd.needsKeyframe()).isTrue();
        ticks(3);
        assertThat(h.outputs).isEmpty();
        assertThat(fwd.dropped(VideoDropReason.NOT_SELECTED)).isEqualTo(fwd.droppedTotal());
        gen.requestKeyframe(1);
        List<Packet> sent = tick();
        assertThat(fwd.currentSpatialLayer()).isEqualTo(1);
        assertThat(fwd.currentTemporalLayer()).isEqualTo(2);
        assertThat(fwd.needsKeyframe()).isFalse();
        List<Packet> key = ofLayer(sent, 1);
        assertThat(h.outputs).hasSize(key.size());
        Output first = h.outputs.get(0);
        assertThat(first.source()).isSameAs(key.get(0));
        assertThat(first.seq()).isEqualTo(SEQ0);
        assertThat(first.timestamp()).isEqualTo(TS0);
        assertThat(first.pictureId()).isEqualTo(PID0);
        assertThat(first.tl0PicIdx()).isEqualTo(TL00);
        assertConsecutive(h.outputs);
        assertThat(fwd.keyframeStarts()).isEqualTo(1);
        assertThat(fwd.spatialSwitches()).isZero();
    }

    @Test
    void allLayersOfAStreamAreForwardedContinuously() {
        fwd.setTarget(2, 2);
        ticks(120);
        List<Packet> layer2 = gen.packets(2);
        assertThat(h.outputs).hasSize(layer2.size());
        assertConsecutive(h.outputs);
        List<Frame> frames = gen.frames(2);
        for (Output o : h.outputs) {
            Frame f = o.source().frame();
            assertThat(o.pictureId()).isEqualTo((PID0 + f.index) & 0x7FFF);
            assertThat(o.timestamp()).isEqualTo(TS0 + (long) f.index * Vp8StreamGenerator.TICKS_PER_FRAME);
            assertThat(o.tl0PicIdx()).isEqualTo((TL00 + f.tl0PicIdx - frames.get(0).tl0PicIdx) & 0xFF);
        }
        assertThat(fwd.timestampDelta()).isEqualTo((TS0 - frames.get(0).timestamp) & 0xFFFFFFFFL);
        assertThat(fwd.accepted()).isEqualTo(layer2.size());
        assertThat(fwd.dropped(VideoDropReason.NOT_SELECTED)).isEqualTo(gen.allPackets().size() - layer2.size());
        checkAll(15);
    }

    @Test
    void loweringTheTemporalLayerDropsFramesWithoutGaps() {
        fwd.setTarget(1, 2);
        ticks(10);
        fwd.setTarget(1, 0);
        int before = h.outputs.size();
        ticks(40);
        List<Output> after = h.outputs.subList(before, h.outputs.size());
        assertThat(after).isNotEmpty().allSatisfy(o -> assertThat(o.source().frame().tid).isZero());
        assertThat(fwd.currentTemporalLayer()).isZero();
        assertThat(fwd.temporalSwitches()).isEqualTo(1);
        assertThat(fwd.dropped(VideoDropReason.TEMPORAL_LAYER)).isPositive();
        assertConsecutive(h.outputs);
        assertPictureIdsConsecutive(h.outputs);
        checkAll(15);
    }

    @Test
    void raisingTheTemporalLayerWaitsForLayerSyncFrames() {
        fwd.setTarget(0, 0);
        ticks(9); // frame 8 of the 0-2-1-2 cycle was TL0: the next frames are TL2(Y), TL1(Y), TL2, TL0, ...
        assertThat(gen.frames(0).get(8).tid).isZero();
        fwd.setTarget(0, 2);
        tick(); // TL2 with Y: two steps up, not a sync point for layer 2 yet
        assertThat(fwd.currentTemporalLayer()).isZero();
        tick(); // TL1 with Y: up to 1
        assertThat(fwd.currentTemporalLayer()).isEqualTo(1);
        tick(); // TL2 without Y: stays at 1
        assertThat(fwd.currentTemporalLayer()).isEqualTo(1);
        tick(); // TL0: not a sync point for the upper layers
        assertThat(fwd.currentTemporalLayer()).isEqualTo(1);
        tick(); // TL2 with Y: up to 2
        assertThat(fwd.currentTemporalLayer()).isEqualTo(2);
        List<Integer> tids = new ArrayList<>();
        Frame last = null;
        for (Output o : h.outputs) {
            if (o.source().frame() != last) {
                last = o.source().frame();
                tids.add(last.tid);
            }
        }
        // frames 0..8 at TL0 only (0, 4, 8), then 9 dropped, 10 (TL1), 11 dropped, 12 (TL0), 13 (TL2)
        assertThat(tids).containsExactly(0, 0, 0, 1, 0, 2);
        assertThat(fwd.temporalSwitches()).isEqualTo(2);
        assertConsecutive(h.outputs);
        assertPictureIdsConsecutive(h.outputs);
        checkAll(15);
    }

    @Test
    void keyframeRaisesTheTemporalLayerAtOnce() {
        fwd.setTarget(0, 0);
        ticks(5);
        fwd.setTarget(0, 2);
        gen.requestKeyframe(0);
        tick();
        assertThat(fwd.currentTemporalLayer()).isEqualTo(2);
        ticks(4);
        assertConsecutive(h.outputs);
        checkAll(15);
    }

    @Test
    void switchingUpWaitsForTheKeyframeAndContinuesTheNumbering() {
        fwd.setTarget(0, 2);
        ticks(10);
        fwd.setTarget(1, 2);
        assertThat(fwd.needsKeyframe()).isTrue();
        ticks(5); // no key frame of layer 1 yet: layer 0 goes on
        assertThat(fwd.currentSpatialLayer()).isZero();
        assertThat(h.outputs).allSatisfy(o -> assertThat(o.source().layer()).isZero());
        Output lastOld = h.last();
        gen.requestKeyframe(1);
        List<Packet> sent = tick();
        assertThat(fwd.currentSpatialLayer()).isEqualTo(1);
        assertThat(fwd.needsKeyframe()).isFalse();
        assertThat(fwd.spatialSwitches()).isEqualTo(1);
        // this tick's layer 0 frame came before the key frame and was still forwarded
        List<Output> thisTick = h.outputs.stream().filter(o -> sent.contains(o.source())).toList();
        Output firstOfLayer0 = thisTick.get(0);
        assertThat(firstOfLayer0.source().layer()).isZero();
        Output key = thisTick.stream().filter(o -> o.source().layer() == 1).findFirst().orElseThrow();
        assertThat(key.source().startsKeyframe()).isTrue();
        Output layer0Last = thisTick.stream().filter(o -> o.source().layer() == 0).reduce((a, b) -> b).orElseThrow();
        assertThat(key.seq()).isEqualTo(layer0Last.seq() + 1);
        assertThat(key.pictureId()).isEqualTo(layer0Last.pictureId() + 1);
        assertThat(key.tl0PicIdx()).isEqualTo((layer0Last.tl0PicIdx() + 1) & 0xFF);
        // both arrived at the same instant: the timestamp moves on by the minimum
        assertThat(key.timestamp()).isEqualTo(layer0Last.timestamp() + 1);
        assertThat(lastOld.seq()).isLessThan(key.seq());
        assertThat(fwd.timestampDelta()).isEqualTo((key.timestamp() - key.source().frame().timestamp) & 0xFFFFFFFFL);
        ticks(10);
        assertThat(h.outputs.subList(h.outputs.indexOf(key), h.outputs.size()))
                .allSatisfy(o -> assertThat(o.source().layer()).isEqualTo(1));
        assertConsecutive(h.outputs);
        assertPictureIdsConsecutive(h.outputs);
        checkAll(15);
    }

    @Test
    void switchTimestampAddsTheWallClockTimeSinceThePreviousFrame() {
        fwd.setTarget(2, 2);
        ticks(6);
        Output last = h.last();
        fwd.setTarget(0, 2);
        gen.requestKeyframe(0);
        long t = gen.nowNanos() + 45_000_000; // the key frame arrives 45 ms after the tick's start
        List<Packet> layer0 = gen.nextFrameOf(0);
        // layer 2's newest frame arrived at the start of the previous tick
        long previousArrival = (gen.nowNanos() - 2 * Vp8StreamGenerator.NANOS_PER_FRAME);
        h.deliverAll(layer0, t);
        Output key = h.outputs.get(h.outputs.size() - layer0.size());
        long elapsedTicks = (t - previousArrival) * 90_000 / 1_000_000_000L;
        assertThat(key.timestamp()).isEqualTo((last.timestamp() + elapsedTicks) & 0xFFFFFFFFL);
        assertThat(key.seq()).isEqualTo(last.seq() + 1);
        assertThat(fwd.currentSpatialLayer()).isZero();
        checkAll(15);
    }

    @Test
    void switchingDownAlsoWaitsForAKeyframe() {
        fwd.setTarget(2, 1);
        ticks(8);
        fwd.setTarget(0, 2);
        ticks(3);
        assertThat(fwd.currentSpatialLayer()).isEqualTo(2);
        gen.requestKeyframe(0);
        ticks(5);
        assertThat(fwd.currentSpatialLayer()).isZero();
        assertThat(fwd.currentTemporalLayer()).isEqualTo(2);
        assertConsecutive(h.outputs);
        assertPictureIdsConsecutive(h.outputs);
        checkAll(15);
    }

    @Test
    void packetLostUpstreamKeepsItsGapAndFillsItLate() {
        fwd.setTarget(2, 2);
        ticks(4); // the next frame is TL0: 4 packets on layer 2
        long t = gen.nowNanos();
        List<Packet> packets = ofLayer(gen.nextTick(), 2);
        assertThat(packets.size()).isGreaterThanOrEqualTo(3);
        Packet lost = packets.get(1);
        for (Packet p : packets) {
            if (p != lost) {
                h.deliver(p, t);
            }
        }
        Output before = h.outputs.get(h.outputs.size() - packets.size() + 1);
        Output after = h.outputs.get(h.outputs.size() - packets.size() + 2);
        assertThat(after.seq()).isEqualTo(before.seq() + 2); // the gap a receiver NACKs
        ticks(2);
        assertThat(h.deliver(lost, gen.nowNanos())).isTrue(); // the retransmission
        Output filled = h.last();
        assertThat(filled.seq()).isEqualTo(before.seq() + 1);
        assertThat(filled.pictureId()).isEqualTo(before.pictureId());
        assertThat(filled.timestamp()).isEqualTo(before.timestamp());
        assertThat(h.deliver(lost, gen.nowNanos())).isFalse();
        assertThat(fwd.dropped(VideoDropReason.DUPLICATE)).isEqualTo(1);
        checkAll(15);
    }

    @Test
    void lossOfADroppedFrameLeavesNoGap() {
        fwd.setTarget(0, 0);
        ticks(4); // frames 0..3; frame 4 is TL0, 5 TL2, 6 TL1, 7 TL2, 8 TL0
        for (int i = 0; i < 5; i++) {
            long t = gen.nowNanos();
            for (Packet p : ofLayer(gen.nextTick(), 0)) {
                if (p.frame().index != 5 && p.frame().index != 7) { // both TL2 frames lost
                    h.deliver(p, t);
                }
            }
        }
        assertConsecutive(h.outputs);
        assertPictureIdsConsecutive(h.outputs);
        checkAll(15);
    }

    @Test
    void lossOfAForwardedFrameKeepsItsPictureIdAndSequenceGap() {
        fwd.setTarget(0, 2);
        ticks(4);
        long t = gen.nowNanos();
        tick(); // frame 4
        List<Packet> lostFrame = ofLayer(gen.nextTick(), 0); // frame 5 (TL2) lost entirely
        tick(); // frame 6
        List<Output> out = h.outputsOf(0);
        Output frame4Last = out.stream().filter(o -> o.source().frame().index == 4).reduce((a, b) -> b).orElseThrow();
        Output frame6First = out.stream().filter(o -> o.source().frame().index == 6).findFirst().orElseThrow();
        assertThat(frame6First.seq()).isEqualTo(frame4Last.seq() + 1 + lostFrame.size());
        assertThat(frame6First.pictureId()).isEqualTo(frame4Last.pictureId() + 2);
        h.deliverAll(lostFrame, gen.nowNanos()); // retransmitted late: it takes the numbers held for it
        Output late = h.last();
        assertThat(late.pictureId()).isEqualTo(frame4Last.pictureId() + 1);
        assertThat(late.seq()).isEqualTo(frame4Last.seq() + lostFrame.size());
        assertThat(t).isPositive();
        checkAll(15);
    }

    @Test
    void aLatePacketOfAForwardedFrameIsForwardedAfterTheLayerWentDown() {
        gen = Vp8StreamGenerator.threeLayers(10, Pattern.L1T3, PictureIds.NONE, 100, 0, 0, 0);
        fwd.setTarget(1, 2);
        ticks(6); // frame 6 is TL1: 2 packets on layer 1
        long t = gen.nowNanos();
        List<Packet> frame = ofLayer(gen.nextTick(), 1);
        assertThat(frame).hasSize(2);
        assertThat(h.deliver(frame.get(0), t)).isTrue();
        fwd.setTarget(1, 0);
        tick(); // frame 7: the layer goes down to TL0
        assertThat(fwd.currentTemporalLayer()).isZero();
        assertThat(h.deliver(frame.get(1), gen.nowNanos())).as("the frame was forwarded in part: all of it").isTrue();
        Output first = h.outputs.stream().filter(o -> o.source() == frame.get(0)).findFirst().orElseThrow();
        assertThat(h.last().seq()).isEqualTo(first.seq() + 1);
        ticks(8);
        assertConsecutive(h.outputs.stream().sorted((a, b) -> Long.compare(a.source().extSeq(), b.source().extSeq()))
                .toList());
        checkAll(0);
    }

    @Test
    void reorderedPacketsGetTheNumbersTheyWouldHaveHad() {
        fwd.setTarget(2, 2);
        ticks(2);
        long t = gen.nowNanos();
        List<Packet> a = ofLayer(gen.nextTick(), 2);
        List<Packet> b = ofLayer(gen.nextTick(), 2);
        List<Packet> order = new ArrayList<>();
        order.add(a.get(0));
        order.add(b.get(0)); // the next frame's first packet overtakes the rest of this one
        order.addAll(a.subList(1, a.size()).reversed());
        order.addAll(b.subList(1, b.size()));
        int base = h.outputs.size();
        h.deliverAll(order, t);
        List<Output> out = h.outputs.subList(base, h.outputs.size());
        assertThat(out).hasSize(order.size());
        int first = out.get(0).seq();
        for (Output o : out) {
            long index = o.source().extSeq() - a.get(0).extSeq();
            assertThat(o.seq()).as("%s", o).isEqualTo((int) ((first + index) & 0xFFFF));
        }
        checkAll(15);
    }

    @Test
    void sequenceNumbersWrapInTheSource() {
        gen = Vp8StreamGenerator.threeLayers(2, Pattern.L1T3, PictureIds.LONG, 65500, 1000, 5, 5);
        fwd.setTarget(0, 1);
        ticks(60); // layer 0 wraps after ~40 packets
        assertThat(gen.packets(0).get(gen.packets(0).size() - 1).seq()).isLessThan(1000);
        assertThat(h.outputs).isNotEmpty();
        assertConsecutive(h.outputs);
        checkAll(15);
    }

    @Test
    void outputNumbersWrap() {
        h = new ForwarderHarness(new VideoLayerForwarder(65530, 0xFFFF_FFFFL - 7000, 0x7FFD, 254));
        fwd = h.forwarder;
        fwd.setTarget(1, 2);
        ticks(30);
        fwd.setTarget(2, 2);
        gen.requestKeyframe(2);
        ticks(30);
        assertThat(h.outputs.stream().mapToInt(Output::seq).min().orElseThrow()).isLessThan(100);
        assertThat(h.last().timestamp()).isLessThan(200_000);
        assertThat(h.last().pictureId()).isLessThan(100);
        assertConsecutive(h.outputs);
        assertPictureIdsConsecutive(h.outputs);
        checkAll(15);
    }

    @Test
    void timestampsWrapInTheSource() {
        gen = Vp8StreamGenerator.threeLayers(3, Pattern.L1T3, PictureIds.LONG, 100, 0xFFFF_FFFFL - 20_000, 5, 5);
        fwd.setTarget(0, 2);
        ticks(20);
        fwd.setTarget(2, 2);
        gen.requestKeyframe(2);
        ticks(20);
        assertThat(fwd.currentSpatialLayer()).isEqualTo(2);
        List<Frame> layer0 = gen.frames(0);
        assertThat(layer0.get(layer0.size() - 1).timestamp).as("the source wrapped").isLessThan(layer0.get(0).timestamp);
        assertConsecutive(h.outputs);
        assertPictureIdsConsecutive(h.outputs);
        checkAll(15);
    }

    @Test
    void pictureIdsWrapAt15Bits() {
        gen = Vp8StreamGenerator.threeLayers(4, Pattern.L1T3, PictureIds.LONG, 100, 0, 0x7FF0, 5);
        fwd.setTarget(0, 0);
        ticks(80);
        assertPictureIdsConsecutive(h.outputs);
        assertConsecutive(h.outputs);
        checkAll(15);
    }

    @Test
    void sevenBitPictureIdsStaySevenBits() {
        gen = Vp8StreamGenerator.threeLayers(5, Pattern.L1T3, PictureIds.SHORT, 100, 0, 120, 5);
        fwd.setTarget(0, 1);
        ticks(300);
        assertThat(h.outputs).allSatisfy(o -> assertThat(o.pictureId()).isBetween(0, 127));
        Frame last = null;
        int previous = -1;
        for (Output o : h.outputs) {
            if (o.source().frame() != last) {
                last = o.source().frame();
                if (previous >= 0) {
                    assertThat(o.pictureId()).isEqualTo((previous + 1) & 0x7F);
                }
                previous = o.pictureId();
            }
        }
        checkAll(7);
    }

    @Test
    void streamsWithoutPictureIdsOrTemporalLayers() {
        gen = Vp8StreamGenerator.threeLayers(6, Pattern.NONE, PictureIds.NONE, 100, 0, 0, 0);
        fwd.setTarget(1, 0);
        ticks(20);
        fwd.setTarget(0, 0);
        gen.requestKeyframe(0);
        ticks(20);
        assertThat(fwd.currentSpatialLayer()).isZero();
        assertThat(h.outputs).allSatisfy(o -> {
            assertThat(o.pictureId()).isEqualTo(-1);
            assertThat(o.tl0PicIdx()).isEqualTo(-1);
        });
        assertConsecutive(h.outputs);
        checkAll(0);
    }

    @Test
    void pauseCompletesTheFrameInProgressAndResumeContinues() {
        fwd.setTarget(1, 2);
        ticks(4); // frame 4 is TL0: 3 packets on layer 1
        long t = gen.nowNanos();
        List<Packet> frame = ofLayer(gen.nextTick(), 1);
        assertThat(frame.size()).isGreaterThanOrEqualTo(2);
        h.deliver(frame.get(0), t);
        fwd.setTarget(-1, -1);
        assertThat(fwd.needsKeyframe()).isFalse();
        for (Packet p : frame.subList(1, frame.size())) {
            assertThat(h.deliver(p, t)).as("the frame in progress is completed").isTrue();
        }
        Output lastBeforePause = h.last();
        int count = h.outputs.size();
        ticks(10);
        assertThat(h.outputs).hasSize(count);
        assertThat(fwd.currentSpatialLayer()).isEqualTo(-1);
        assertThat(fwd.pauses()).isEqualTo(1);
        fwd.setTarget(1, 2);
        assertThat(fwd.needsKeyframe()).isTrue();
        ticks(3);
        assertThat(h.outputs).hasSize(count);
        gen.requestKeyframe(1);
        ticks(3);
        Output resumed = h.outputs.get(count);
        assertThat(resumed.source().startsKeyframe()).isTrue();
        assertThat(resumed.seq()).isEqualTo(lastBeforePause.seq() + 1);
        assertThat(resumed.pictureId()).isEqualTo(lastBeforePause.pictureId() + 1);
        // the time paused is in the timestamp: the key frame (frame 18) arrived 14 frame intervals after frame 4
        long step = (resumed.timestamp() - lastBeforePause.timestamp()) & 0xFFFFFFFFL;
        assertThat(step).isEqualTo(14L * Vp8StreamGenerator.NANOS_PER_FRAME * 90_000 / 1_000_000_000L);
        assertThat(fwd.keyframeStarts()).isEqualTo(2);
        checkAll(15);
    }

    @Test
    void resumingAfterALongPauseStillContinuesTheNumbering() {
        fwd.setTarget(0, 2);
        ticks(10);
        Output lastBeforePause = h.last();
        fwd.setTarget(-1, -1);
        ticks(150); // 5 s: longer than the previous run is kept for late packets
        fwd.setTarget(0, 2);
        gen.requestKeyframe(0);
        ticks(2);
        Output resumed = h.outputs.get(h.outputs.indexOf(lastBeforePause) + 1);
        assertThat(resumed.seq()).isEqualTo(lastBeforePause.seq() + 1);
        assertThat(resumed.pictureId()).isEqualTo(lastBeforePause.pictureId() + 1);
        assertThat(resumed.tl0PicIdx()).isEqualTo((lastBeforePause.tl0PicIdx() + 1) & 0xFF);
        assertThat((resumed.timestamp() - lastBeforePause.timestamp()) & 0xFFFFFFFFL).isGreaterThan(150L * 3000);
        checkAll(15);
    }

    @Test
    void aFrameOvertakenByPaddingIsStillAFrame() {
        gen = new Vp8StreamGenerator(9, Pattern.L1T3, PictureIds.LONG, 1.0, 0, new long[][] {{100, 0, 5, 5}});
        fwd.setTarget(0, 1);
        for (int i = 0; i < 30; i++) {
            long t = gen.nowNanos();
            List<Packet> packets = new ArrayList<>(gen.nextTick());
            if (i % 3 == 1) { // the padding after the frame arrives first
                packets.sort((a, b) -> Boolean.compare(!a.isPadding(), !b.isPadding()));
            }
            h.deliverAll(packets, t);
        }
        assertThat(gen.frames(0).stream().filter(f -> f.tid <= 1).flatMap(f -> f.packets.stream()))
                .allSatisfy(p -> assertThat(h.outputs.stream().anyMatch(o -> o.source() == p)).isTrue());
        assertThat(fwd.currentTemporalLayer()).isEqualTo(1);
        assertPictureIdsConsecutive(h.outputs);
        checkAll(15);
    }

    @Test
    void paddingIsDroppedWithoutAGap() {
        gen = new Vp8StreamGenerator(7, Pattern.L1T3, PictureIds.LONG, 1.0, 0,
                new long[][] {{100, 0, 5, 5}, {30000, 7, 50, 9}});
        fwd.setTarget(1, 2);
        ticks(30);
        assertThat(fwd.dropped(VideoDropReason.PADDING)).isPositive();
        assertConsecutive(h.outputs);
        checkAll(15);
    }

    @Test
    void packetsTooOldToPlaceAreDropped() {
        fwd.setTarget(2, 2);
        ticks(2);
        long t = gen.nowNanos();
        List<Packet> held = ofLayer(gen.nextTick(), 2);
        while (gen.packets(2).size() < held.get(0).extSeq() - gen.packets(2).get(0).extSeq() + 1200) {
            tick();
        }
        assertThat(h.deliver(held.get(0), gen.nowNanos())).isFalse();
        assertThat(fwd.dropped(VideoDropReason.TOO_OLD)).isEqualTo(1);
        assertThat(t).isPositive();
        checkAll(15);
    }

    @Test
    void latePacketsOfThePreviousLayerFillTheirGapsAfterASwitch() {
        fwd.setTarget(0, 2);
        ticks(4); // frame 4 is TL0: 2 packets on layer 0
        long t = gen.nowNanos();
        List<Packet> frame = ofLayer(gen.nextTick(), 0);
        Packet lost = frame.get(0);
        h.deliverAll(frame.subList(1, frame.size()), t);
        fwd.setTarget(1, 2);
        gen.requestKeyframe(1);
        ticks(2);
        assertThat(fwd.currentSpatialLayer()).isEqualTo(1);
        assertThat(h.deliver(lost, gen.nowNanos())).as("placed in the gap it left").isTrue();
        Output filled = h.last();
        Output next = h.outputsOf(0).stream().filter(o -> o.source() == frame.get(1)).findFirst().orElseThrow();
        assertThat(filled.seq()).isEqualTo(next.seq() - 1);
        checkAll(15);
    }

    @Test
    void aKeyframeWhoseStartArrivesLateIsNoSwitchPoint() {
        fwd.setTarget(0, 2);
        ticks(3);
        fwd.setTarget(1, 2);
        gen.requestKeyframe(1);
        long t = gen.nowNanos();
        List<Packet> key = ofLayer(gen.nextTick(), 1);
        h.deliver(key.get(1), t);
        h.deliver(key.get(0), t);
        assertThat(fwd.currentSpatialLayer()).isZero();
        assertThat(fwd.needsKeyframe()).isTrue();
        gen.requestKeyframe(1);
        ticks(1);
        assertThat(fwd.currentSpatialLayer()).isEqualTo(1);
        checkAll(15);
    }

    @Test
    void startsOverAfterTheSourceSequenceJumpsBack() {
        fwd.setTarget(0, 2);
        ticks(40);
        // the same layer again with sequence numbers 20000 lower (e.g. the publisher restarted its sender)
        Vp8StreamGenerator restarted = new Vp8StreamGenerator(8, Pattern.L1T3, PictureIds.LONG, 0, 0,
                new long[][] {{(gen.packets(0).get(0).seq() - 20000) & 0xFFFF, 77, 1, 1}});
        restarted.nextFrameOf(0); // its first key frame is lost
        long t = gen.nowNanos();
        int before = h.outputs.size();
        for (int i = 0; i < 200 && !fwd.needsKeyframe(); i++) {
            h.deliverAll(restarted.nextFrameOf(0), t);
            t += Vp8StreamGenerator.NANOS_PER_FRAME;
        }
        assertThat(fwd.needsKeyframe()).isTrue();
        assertThat(h.outputs).hasSize(before);
        restarted.requestKeyframe(0);
        h.deliverAll(restarted.nextFrameOf(0), t);
        assertThat(fwd.needsKeyframe()).isFalse();
        assertThat(h.outputs.size()).isGreaterThan(before);
        assertThat(h.outputs.get(before).seq()).isEqualTo(h.outputs.get(before - 1).seq() + 1);
    }

    @Test
    void malformedInputIsDroppedNotThrown() {
        fwd.setTarget(0, 2);
        tick();
        RtpPacket rtp = new RtpPacket();
        Vp8PayloadDescriptor vp8 = new Vp8PayloadDescriptor();
        byte[] truncated = TestPackets.rtp(96, 1, 2, 3, new byte[] {(byte) 0x90, (byte) 0x80});
        assertThat(rtp.wrap(truncated, 0, truncated.length)).isTrue();
        assertThat(fwd.accept(0, rtp, vp8, 0)).isFalse();
        assertThat(fwd.accept(-1, rtp, vp8, 0)).isFalse();
        assertThat(fwd.accept(VideoLayerForwarder.MAX_SPATIAL_LAYERS, rtp, vp8, 0)).isFalse();
        assertThat(fwd.dropped(VideoDropReason.MALFORMED)).isEqualTo(3);
        assertThatThrownBy(() -> fwd.rewrite(rtp, vp8)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void targetsAreNormalized() {
        fwd.setTarget(1, -1);
        assertThat(fwd.targetSpatialLayer()).isEqualTo(-1);
        assertThat(fwd.targetTemporalLayer()).isEqualTo(-1);
        fwd.setTarget(VideoLayerForwarder.MAX_SPATIAL_LAYERS, 1);
        assertThat(fwd.targetSpatialLayer()).isEqualTo(-1);
        fwd.setTarget(2, 1);
        assertThat(fwd.targetSpatialLayer()).isEqualTo(2);
        assertThat(fwd.targetTemporalLayer()).isEqualTo(1);
        assertThat(fwd.currentTemporalLayer()).isEqualTo(-1);
    }

    /** Forwarding allocates nothing per packet: measured with the JDK's per-thread allocation counter. */
    @Test
    void noAllocationPerPacket() {
        // rounds of 300 ticks, each starting with key frames; every round switches layers and temporal layers
        int rounds = 4;
        List<List<Packet>> sections = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (int layer = 0; layer < 3; layer++) {
                gen.requestKeyframe(layer);
            }
            List<Packet> section = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                section.addAll(gen.nextTick());
            }
            sections.add(section);
        }
        RtpPacket in = new RtpPacket();
        RtpPacket out = new RtpPacket();
        Vp8PayloadDescriptor vp8 = new Vp8PayloadDescriptor();
        Vp8PayloadDescriptor outVp8 = new Vp8PayloadDescriptor();
        byte[] copy = new byte[2048];
        VideoLayerForwarder f = new VideoLayerForwarder(1, 2, 3, 4);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long allocated = 0;
        long count = 0;
        long nanos = 0;
        for (int r = 0; r < rounds; r++) { // the first rounds warm up (class loading, JIT)
            List<Packet> section = sections.get(r);
            byte[][] bytes = section.stream().map(Packet::bytes).toArray(byte[][]::new);
            int[] layerOf = section.stream().mapToInt(Packet::layer).toArray();
            long acceptedBefore = f.accepted();
            f.setTarget(r % 3, 2 - r % 3);
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < bytes.length; i++) {
                byte[] b = bytes[i];
                in.wrap(b, 0, b.length);
                if (i % 500 == 250) {
                    f.setTarget((r + 1) % 3, i % 3);
                }
                nanos += 1_000_000;
                if (f.accept(layerOf[i], in, vp8, nanos)) {
                    System.arraycopy(b, 0, copy, 0, b.length);
                    out.wrap(copy, 0, b.length);
                    f.rewrite(out, outVp8);
                }
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
            count = bytes.length;
            assertThat(f.accepted()).isGreaterThan(acceptedBefore);
        }
        assertThat(f.keyframeStarts()).isGreaterThanOrEqualTo(rounds);
        assertThat(allocated).as("bytes allocated for %s packets", count).isLessThan(1024);
    }

    private static void assertPictureIdsConsecutive(List<Output> outputs) {
        Frame last = null;
        int previous = -1;
        for (Output o : outputs) {
            if (o.source().frame() != last) {
                last = o.source().frame();
                if (previous >= 0) {
                    assertThat(o.pictureId()).as("%s", o).isEqualTo((previous + 1) & 0x7FFF);
                }
                previous = o.pictureId();
            }
        }
    }
}
