package org.opensfu.core.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.opensfu.core.codec.vp8.Vp8PayloadDescriptor;
import org.opensfu.core.forward.Vp8StreamGenerator.Packet;
import org.opensfu.core.forward.Vp8StreamGenerator.PictureIds;
import org.opensfu.core.forward.Vp8StreamGenerator.Pattern;
import org.opensfu.core.rtp.RtpPacket;

/**
 * Long random runs: a three-layer simulcast publisher, a network that loses, reorders, duplicates and late
 * retransmits packets, an allocator changing targets (pauses included) and key frames sent when asked for; the
 * {@link OutputChecker} then verifies everything the subscriber received.
 */
class VideoLayerForwarderPropertiesTest {
    private static final int TICKS = 600;

    /** A packet in flight: delivered in key order; the key encodes the arrival time. */
    private record InFlight(long key, long order, Packet packet) {
    }

    @Property(tries = 150)
    void outputInvariantsHoldUnderImpairmentAndTargetChanges(@ForAll long seed, @ForAll Pattern pattern,
            @ForAll PictureIds pictureIds, @ForAll @IntRange(max = 65535) int seqBase,
            @ForAll @IntRange(max = 0x7FFF) int pidBase, @ForAll @IntRange(max = 255) int tl0Base,
            @ForAll @IntRange(max = 65535) int initialSeq, @ForAll @IntRange(max = 0x7FFF) int initialPid) {
        simulate(seed, pattern, pictureIds, seqBase, pidBase, tl0Base, initialSeq, initialPid, null);
    }

    /** The random runs do exercise what they are meant to check (a checker that sees nothing proves nothing). */
    @Test
    void randomRunsReachEveryPath() {
        long switches = 0;
        long temporal = 0;
        long pauses = 0;
        long lateForwarded = 0;
        long[] drops = new long[VideoDropReason.values().length];
        for (long seed = 0; seed < 24; seed++) {
            ForwarderHarness h = simulate(seed, Pattern.values()[(int) (seed % 3)], PictureIds.values()[(int) (seed % 3)],
                    (int) (seed * 2731) & 0xFFFF, (int) (seed * 977) & 0x7FFF, (int) seed, 65500, 32700, null);
            VideoLayerForwarder f = h.forwarder;
            switches += f.spatialSwitches();
            temporal += f.temporalSwitches();
            pauses += f.pauses();
            lateForwarded += h.outputs.stream().filter(o -> h.lateAtDelivery.get(o.source().id())).count();
            for (VideoDropReason r : VideoDropReason.values()) {
                drops[r.ordinal()] += f.dropped(r);
            }
        }
        assertThat(switches).isPositive();
        assertThat(temporal).isPositive();
        assertThat(pauses).isPositive();
        assertThat(lateForwarded).isPositive();
        for (VideoDropReason r : new VideoDropReason[] {VideoDropReason.NOT_SELECTED, VideoDropReason.TEMPORAL_LAYER,
            VideoDropReason.PADDING, VideoDropReason.DUPLICATE}) {
            assertThat(drops[r.ordinal()]).as("%s", r).isPositive();
        }
    }

    /** One random run, checked; {@code log} (if not null) receives every delivery and its outcome. */
    static ForwarderHarness simulate(long seed, Pattern pattern, PictureIds pictureIds, int seqBase, int pidBase, int tl0Base,
                         int initialSeq, int initialPid, java.util.function.Consumer<String> log) {
        Random random = new Random(seed);
        double loss = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 0.08;
        double retransmitted = random.nextDouble();
        double reorder = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 0.15;
        double duplicate = random.nextInt(2) == 0 ? 0 : random.nextDouble() * 0.02;
        double padding = random.nextInt(3) == 0 ? random.nextDouble() * 0.3 : 0;
        int changeEvery = 5 + random.nextInt(100);
        long tsBase = random.nextLong() & 0xFFFFFFFFL;
        long[][] bases = new long[3][];
        for (int i = 0; i < 3; i++) {
            bases[i] = new long[] {(seqBase + 21_000L * i) & 0xFFFF, (tsBase + 1_234_567_891L * i) & 0xFFFFFFFFL,
                (pidBase + 10_000L * i) & 0x7FFF, (tl0Base + 99L * i) & 0xFF};
        }
        Vp8StreamGenerator gen = new Vp8StreamGenerator(random.nextLong(), pattern, pictureIds, padding,
                random.nextDouble() * 0.01, bases);
        ForwarderHarness h = new ForwarderHarness(new VideoLayerForwarder(initialSeq,
                random.nextLong() & 0xFFFFFFFFL, initialPid, random.nextInt(256)));
        VideoLayerForwarder fwd = h.forwarder;

        PriorityQueue<InFlight> network = new PriorityQueue<>(
                (a, b) -> a.key != b.key ? Long.compare(a.key, b.key) : Long.compare(a.order, b.order));
        long order = 0;
        int keyframeRequestedAt = -100;
        for (int tick = 0; tick < TICKS; tick++) {
            if (tick % changeEvery == 0 || random.nextInt(200) == 0) {
                int spatial = random.nextInt(10) == 0 ? -1 : random.nextInt(3);
                fwd.setTarget(spatial, random.nextInt(3));
                if (log != null) {
                    log.accept("tick " + tick + " target " + fwd.targetSpatialLayer() + "/" + fwd.targetTemporalLayer());
                }
            }
            if (fwd.needsKeyframe() && tick - keyframeRequestedAt > 10) { // a throttled PLI
                gen.requestKeyframe(fwd.targetSpatialLayer());
                keyframeRequestedAt = tick;
            }
            List<Packet> packets = gen.nextTick();
            for (int i = 0; i < packets.size(); i++) {
                Packet p = packets.get(i);
                long key = tick * 1000L + i * 4L;
                if (random.nextDouble() < loss) {
                    if (random.nextDouble() < retransmitted) { // recovered after a round trip
                        network.add(new InFlight(key + 1000L * (1 + random.nextInt(8)) + 1, order++, p));
                    }
                    continue;
                }
                if (random.nextDouble() < reorder) {
                    key += 1 + random.nextInt(30);
                }
                network.add(new InFlight(key, order++, p));
                if (random.nextDouble() < duplicate) {
                    network.add(new InFlight(key + 1 + random.nextInt(3000), order++, p));
                }
            }
            long horizon = (tick + 1) * 1000L;
            while (!network.isEmpty() && network.peek().key < horizon) {
                deliver(h, network.poll(), log);
            }
        }
        while (!network.isEmpty()) {
            deliver(h, network.poll(), log);
        }
        OutputChecker.check(gen, h, pictureIds == PictureIds.NONE ? 0 : pictureIds == PictureIds.SHORT ? 7 : 15);
        assertThat(fwd.accepted() + fwd.droppedTotal()).isEqualTo(h.deliveries());
        assertThat(fwd.accepted()).isEqualTo(h.outputs.size());
        return h;
    }

    private static void deliver(ForwarderHarness h, InFlight f, java.util.function.Consumer<String> log) {
        VideoLayerForwarder fwd = h.forwarder;
        boolean forwarded = h.deliver(f.packet, arrivalNanos(f.key));
        if (log != null) {
            log.accept(f.key + " " + f.packet + (forwarded ? " -> " + h.last().seq() + " pid" + h.last().pictureId()
                    : " dropped") + " cur " + fwd.currentSpatialLayer() + "/" + fwd.currentTemporalLayer());
        }
    }

    private static long arrivalNanos(long key) {
        return (key / 1000) * Vp8StreamGenerator.NANOS_PER_FRAME + (key % 1000) * 20_000;
    }

    /** Anything that parses as RTP goes through accept and rewrite without throwing. */
    @Property(tries = 2000)
    void arbitraryPacketsNeverThrow(@ForAll @Size(min = 12, max = 60) byte[] bytes,
            @ForAll @IntRange(min = -1, max = 9) int layer, @ForAll @IntRange(min = -1, max = 3) int target,
            @ForAll long nanos) {
        bytes[0] = (byte) (0x80 | (bytes[0] & 0x2F)); // version 2, no extension: the payload is the fuzzed part
        RtpPacket rtp = new RtpPacket();
        if (!rtp.wrap(bytes, 0, bytes.length)) {
            return;
        }
        VideoLayerForwarder fwd = new VideoLayerForwarder(1, 2, 3, 4);
        fwd.setTarget(target, target);
        Vp8PayloadDescriptor vp8 = new Vp8PayloadDescriptor();
        for (int i = 0; i < 3; i++) { // the same packet again: duplicates and repeats
            if (fwd.accept(layer, rtp, vp8, nanos)) {
                byte[] copy = bytes.clone();
                RtpPacket out = new RtpPacket();
                assertThat(out.wrap(copy, 0, copy.length)).isTrue();
                fwd.rewrite(out, new Vp8PayloadDescriptor());
            }
        }
        assertThat(fwd.accepted() + fwd.droppedTotal()).isEqualTo(3);
    }

    /** A real stream with random bytes of its packets corrupted: never throws, counts every packet. */
    @Property(tries = 200)
    void corruptedStreamsNeverThrow(@ForAll long seed) {
        Random random = new Random(seed);
        Vp8StreamGenerator gen = Vp8StreamGenerator.threeLayers(seed, Pattern.RANDOM);
        VideoLayerForwarder fwd = new VideoLayerForwarder(random.nextInt(), random.nextLong(), random.nextInt(),
                random.nextInt());
        RtpPacket rtp = new RtpPacket();
        RtpPacket out = new RtpPacket();
        Vp8PayloadDescriptor vp8 = new Vp8PayloadDescriptor();
        List<Packet> all = new ArrayList<>();
        for (int t = 0; t < 100; t++) {
            if (t % 17 == 0) {
                fwd.setTarget(random.nextInt(4) - 1, random.nextInt(3));
                gen.requestKeyframe(random.nextInt(3));
            }
            all.addAll(gen.nextTick());
        }
        long delivered = 0;
        for (Packet p : all) {
            byte[] b = p.bytes().clone();
            int flips = random.nextInt(3);
            for (int i = 0; i < flips; i++) {
                b[12 + random.nextInt(b.length - 12)] ^= (byte) (1 << random.nextInt(8));
            }
            if (random.nextInt(20) == 0) { // sometimes a random sequence number
                b[2] = (byte) random.nextInt();
                b[3] = (byte) random.nextInt();
            }
            int len = random.nextInt(10) == 0 ? 12 + random.nextInt(b.length - 11) : b.length;
            if (!rtp.wrap(b, 0, len)) {
                continue;
            }
            delivered++;
            if (fwd.accept(p.layer(), rtp, vp8, delivered * 1_000_000L)) {
                byte[] copy = b.clone();
                out.wrap(copy, 0, len);
                fwd.rewrite(out, vp8);
            }
        }
        assertThat(fwd.accepted() + fwd.droppedTotal()).isEqualTo(delivered);
    }
}
