package org.opensfu.core.forward;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Generates the RTP packets of a simulcast VP8 publisher: one stream per spatial layer, each with its own SSRC,
 * sequence numbers, timestamps, picture IDs and TL0PICIDX, frames split over several packets as RFC 7741 §4.1 says
 * (S=1 PID=0 on the first, marker on the last), key frames on request, and the ground truth a checker needs: which
 * frame every packet belongs to and which earlier frames every frame references.
 *
 * <p>Temporal patterns: {@link Pattern#L1T3} is Chromium's 0-2-1-2 with the layer sync bit on the first TL1 and TL2
 * frame after each TL0 frame; {@link Pattern#RANDOM} picks TID and Y at random; {@link Pattern#NONE} sends no T/L
 * fields. References: key frames none; TL0 and layer-sync frames the latest TL0 frame; other frames the latest
 * frame of each layer up to their own.
 */
final class Vp8StreamGenerator {
    enum Pattern { L1T3, RANDOM, NONE }

    enum PictureIds { NONE, SHORT, LONG }

    /** Timestamp step per frame at 30 frames/s on the 90 kHz clock. */
    static final int TICKS_PER_FRAME = 3000;
    static final long NANOS_PER_FRAME = 33_333_333L;
    static final int PAYLOAD_TYPE = 96;

    /** One video frame of one layer. */
    static final class Frame {
        final int layer;
        final int index;
        final int tid;
        final boolean sync;
        final boolean keyframe;
        final int pictureId;
        final int tl0PicIdx;
        final long timestamp;
        final List<Frame> refs;
        final List<Packet> packets = new ArrayList<>();

        Frame(int layer, int index, int tid, boolean sync, boolean keyframe, int pictureId, int tl0PicIdx,
              long timestamp, List<Frame> refs) {
            this.layer = layer;
            this.index = index;
            this.tid = tid;
            this.sync = sync;
            this.keyframe = keyframe;
            this.pictureId = pictureId;
            this.tl0PicIdx = tl0PicIdx;
            this.timestamp = timestamp;
            this.refs = refs;
        }

        @Override
        public String toString() {
            return "L" + layer + "#" + index + (keyframe ? "K" : "") + " tid" + tid + (sync ? "Y" : "")
                    + " pid" + pictureId + " tl0=" + tl0PicIdx + " ts" + timestamp;
        }
    }

    /**
     * One RTP packet; {@code frame} is null for padding. {@code extSeq} is the sequence number without wrapping
     * (the layer's first is its base); {@code id} is unique over all layers.
     */
    record Packet(int id, int layer, long extSeq, Frame frame, int indexInFrame, boolean last, long sendNanos,
                  byte[] bytes) {
        int seq() {
            return (int) (extSeq & 0xFFFF);
        }

        boolean isPadding() {
            return frame == null;
        }

        boolean startsKeyframe() {
            return frame != null && frame.keyframe && indexInFrame == 0;
        }

        @Override
        public String toString() {
            return "pkt#" + id + " L" + layer + " seq" + extSeq + " " + (frame == null ? "padding" : frame + "/" + indexInFrame);
        }
    }

    private final class LayerState {
        final int layer;
        final int ssrc;
        long extSeq;
        long timestamp;
        long pictureId;
        long tl0PicIdx;
        int frames;
        int cycle;
        boolean keyframePending = true;
        final Frame[] latest = new Frame[3];
        final List<Frame> allFrames = new ArrayList<>();
        final List<Packet> allPackets = new ArrayList<>();

        LayerState(int layer, int ssrc, int seqBase, long tsBase, int pidBase, int tl0Base) {
            this.layer = layer;
            this.ssrc = ssrc;
            this.extSeq = seqBase;
            this.timestamp = tsBase;
            this.pictureId = pidBase;
            this.tl0PicIdx = tl0Base - 1;
        }
    }

    private final Random random;
    private final Pattern pattern;
    private final PictureIds pictureIds;
    private final double paddingProbability;
    private final double spontaneousKeyframeProbability;
    private final LayerState[] layers;
    private int nextPacketId;
    private long tick;
    private final List<Packet> allPackets = new ArrayList<>();

    /**
     * @param bases per layer: {sequence number, timestamp, picture ID, TL0PICIDX} of the first frame
     */
    Vp8StreamGenerator(long seed, Pattern pattern, PictureIds pictureIds, double paddingProbability,
                       double spontaneousKeyframeProbability, long[][] bases) {
        this.random = new Random(seed);
        this.pattern = pattern;
        this.pictureIds = pictureIds;
        this.paddingProbability = paddingProbability;
        this.spontaneousKeyframeProbability = spontaneousKeyframeProbability;
        this.layers = new LayerState[bases.length];
        for (int i = 0; i < bases.length; i++) {
            layers[i] = new LayerState(i, 0x1000 + i, (int) bases[i][0], bases[i][1], (int) bases[i][2],
                    (int) bases[i][3]);
        }
    }

    /** Three layers with the given bases for layer 0, the others offset by arbitrary amounts. */
    static Vp8StreamGenerator threeLayers(long seed, Pattern pattern, PictureIds pictureIds, int seqBase,
                                          long tsBase, int pidBase, int tl0Base) {
        long[][] bases = new long[3][];
        for (int i = 0; i < 3; i++) {
            bases[i] = new long[] {(seqBase + 17_000L * i) & 0xFFFF, (tsBase + 1_000_000_007L * i) & 0xFFFFFFFFL,
                (pidBase + 9_000L * i) & 0x7FFF, (tl0Base + 77L * i) & 0xFF};
        }
        return new Vp8StreamGenerator(seed, pattern, pictureIds, 0, 0, bases);
    }

    static Vp8StreamGenerator threeLayers(long seed, Pattern pattern) {
        return threeLayers(seed, pattern, PictureIds.LONG, 1000, 50_000, 100, 10);
    }

    int layerCount() {
        return layers.length;
    }

    /** The next frame of {@code layer} will be a key frame. */
    void requestKeyframe(int layer) {
        layers[layer].keyframePending = true;
    }

    /** Send time of the frames of the current tick. */
    long nowNanos() {
        return tick * NANOS_PER_FRAME;
    }

    /** One frame of every layer, lowest layer first, and maybe padding: the packets in sending order. */
    List<Packet> nextTick() {
        List<Packet> out = new ArrayList<>();
        for (LayerState s : layers) {
            Frame f = nextFrame(s);
            out.addAll(f.packets);
            if (paddingProbability > 0 && random.nextDouble() < paddingProbability) {
                int n = 1 + random.nextInt(2);
                for (int i = 0; i < n; i++) {
                    out.add(padding(s, f.timestamp));
                }
            }
        }
        tick++;
        return out;
    }

    /** Frames of one tick, but only of {@code layer}. */
    List<Packet> nextFrameOf(int layer) {
        Frame f = nextFrame(layers[layer]);
        tick++;
        return new ArrayList<>(f.packets);
    }

    List<Frame> frames(int layer) {
        return layers[layer].allFrames;
    }

    List<Packet> packets(int layer) {
        return layers[layer].allPackets;
    }

    List<Packet> allPackets() {
        return allPackets;
    }

    private Frame nextFrame(LayerState s) {
        boolean key = s.keyframePending || random.nextDouble() < spontaneousKeyframeProbability;
        s.keyframePending = false;
        int tid;
        boolean sync;
        if (key) {
            tid = 0;
            sync = false;
            s.cycle = 0;
        } else {
            switch (pattern) {
                case L1T3 -> {
                    s.cycle = (s.cycle + 1) % 4;
                    tid = new int[] {0, 2, 1, 2}[s.cycle];
                    sync = s.cycle == 1 || s.cycle == 2;
                }
                case RANDOM -> {
                    tid = random.nextInt(3);
                    sync = tid > 0 && random.nextInt(3) == 0;
                }
                default -> {
                    tid = 0;
                    sync = false;
                }
            }
        }
        if (tid == 0) {
            s.tl0PicIdx++;
        }
        List<Frame> refs = new ArrayList<>();
        if (key) {
            Arrays.fill(s.latest, null);
        } else if (tid == 0 || sync) {
            if (s.latest[0] != null) {
                refs.add(s.latest[0]);
            }
        } else {
            for (int t = 0; t <= tid; t++) {
                if (s.latest[t] != null) {
                    refs.add(s.latest[t]);
                }
            }
        }
        int pid = (int) (s.pictureId & 0x7FFF);
        Frame f = new Frame(s.layer, s.frames++, tid, sync, key, pictureIds == PictureIds.SHORT ? pid & 0x7F : pid,
                pattern == Pattern.NONE ? -1 : (int) (s.tl0PicIdx & 0xFF), s.timestamp & 0xFFFFFFFFL, refs);
        s.latest[tid] = f;
        s.pictureId++;
        s.timestamp += TICKS_PER_FRAME;
        int count;
        if (key) {
            count = 3 + 2 * s.layer + (pattern == Pattern.RANDOM ? random.nextInt(3) : 0);
        } else if (pattern == Pattern.RANDOM) {
            count = 1 + random.nextInt(2 + s.layer);
        } else {
            count = Math.max(1, (tid == 0 ? 2 : tid == 1 ? 1 : 1) + s.layer - tid / 2);
        }
        for (int i = 0; i < count; i++) {
            boolean last = i == count - 1;
            byte[] bytes = rtp(s, s.extSeq, f.timestamp, last, descriptorAndData(f, i), false);
            Packet p = new Packet(nextPacketId++, s.layer, s.extSeq, f, i, last, nowNanos(), bytes);
            s.extSeq++;
            f.packets.add(p);
            s.allPackets.add(p);
            allPackets.add(p);
        }
        s.allFrames.add(f);
        return f;
    }

    private Packet padding(LayerState s, long timestamp) {
        byte[] bytes = rtp(s, s.extSeq, timestamp, false, new byte[0], true);
        Packet p = new Packet(nextPacketId++, s.layer, s.extSeq, null, 0, false, nowNanos(), bytes);
        s.extSeq++;
        s.allPackets.add(p);
        allPackets.add(p);
        return p;
    }

    private byte[] descriptorAndData(Frame f, int index) {
        ByteBuffer b = ByteBuffer.allocate(32);
        boolean i = pictureIds != PictureIds.NONE;
        boolean lt = pattern != Pattern.NONE;
        boolean x = i || lt;
        b.put((byte) ((x ? 0x80 : 0) | (index == 0 ? 0x10 : 0)));
        if (x) {
            b.put((byte) ((i ? 0x80 : 0) | (lt ? 0x60 : 0)));
            if (pictureIds == PictureIds.LONG) {
                b.putShort((short) (0x8000 | f.pictureId));
            } else if (pictureIds == PictureIds.SHORT) {
                b.put((byte) f.pictureId);
            }
            if (lt) {
                b.put((byte) f.tl0PicIdx);
                b.put((byte) ((f.tid << 6) | (f.sync ? 0x20 : 0)));
            }
        }
        if (index == 0) {
            if (f.keyframe) { // frame tag with P=0, start code, 320x180 << layer
                b.put(new byte[] {0x50, 0x2a, 0x01, (byte) 0x9d, 0x01, 0x2a});
                b.putShort(Short.reverseBytes((short) (320 << f.layer)));
                b.putShort(Short.reverseBytes((short) (180 << f.layer)));
            } else {
                b.put(new byte[] {0x31, 0x02, 0x00});
            }
        }
        b.putInt(f.index).put((byte) index).put((byte) 0xEE);
        return Arrays.copyOf(b.array(), b.position());
    }

    private static byte[] rtp(LayerState s, long extSeq, long timestamp, boolean marker, byte[] payload,
                              boolean padding) {
        int pad = padding ? 64 : 0;
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length + pad);
        b.put((byte) (padding ? 0xA0 : 0x80)).put((byte) ((marker ? 0x80 : 0) | PAYLOAD_TYPE))
                .putShort((short) extSeq).putInt((int) timestamp).putInt(s.ssrc).put(payload);
        if (padding) {
            b.position(b.capacity() - 1);
            b.put((byte) pad);
        }
        return b.array();
    }
}
