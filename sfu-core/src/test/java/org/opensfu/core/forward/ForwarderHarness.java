package org.opensfu.core.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opensfu.core.codec.vp8.Vp8PayloadDescriptor;
import org.opensfu.core.rtp.RtpPacket;
import org.opensfu.core.util.Bytes;

/**
 * Drives a {@link VideoLayerForwarder} the way the router will: wrap, accept, copy, rewrite; and records what came
 * out and what went in (delivery order, lateness) for {@link OutputChecker}.
 */
final class ForwarderHarness {
    /** One forwarded packet as the subscriber receives it. */
    record Output(Vp8StreamGenerator.Packet source, int deliveryIndex, int seq, long timestamp, int pictureId,
                  int tl0PicIdx, boolean runStart, int runIndex, int targetSpatial) {
        @Override
        public String toString() {
            return "out seq" + seq + " ts" + timestamp + " pid" + pictureId + " tl0=" + tl0PicIdx
                    + (runStart ? " RUNSTART" : "") + " <- " + source;
        }
    }

    final VideoLayerForwarder forwarder;
    final List<Output> outputs = new ArrayList<>();
    /** Packet id to the index of its first delivery. */
    final Map<Integer, Integer> firstDelivery = new HashMap<>();
    /** Packet id: true if, when first delivered, a packet of its layer with a higher sequence number had been. */
    final Map<Integer, Boolean> lateAtDelivery = new HashMap<>();
    /** Packet id to the reasons its copies were dropped for. */
    final Map<Integer, java.util.EnumSet<VideoDropReason>> dropReasons = new HashMap<>();
    /** Packet id to the delivery indices at which copies of it were dropped for their temporal layer. */
    final Map<Integer, List<Integer>> droppedForTemporalLayerAt = new HashMap<>();
    /** Per delivery index: the spatial and temporal layer being forwarded after it. */
    final List<int[]> layersAfter = new ArrayList<>();
    /** Delivery index to the highest extended sequence number delivered so far, per layer. */
    final List<long[]> highestDeliveredBefore = new ArrayList<>();
    private final long[] highestDelivered = new long[VideoLayerForwarder.MAX_SPATIAL_LAYERS];
    private int deliveries;
    private int runs;
    private long lastArrivalNanos = Long.MIN_VALUE;

    private final RtpPacket in = new RtpPacket();
    private final Vp8PayloadDescriptor inVp8 = new Vp8PayloadDescriptor();
    private final RtpPacket out = new RtpPacket();
    private final Vp8PayloadDescriptor outVp8 = new Vp8PayloadDescriptor();
    private final Vp8PayloadDescriptor check = new Vp8PayloadDescriptor();

    ForwarderHarness(VideoLayerForwarder forwarder) {
        this.forwarder = forwarder;
        java.util.Arrays.fill(highestDelivered, Long.MIN_VALUE);
    }

    ForwarderHarness() {
        this(new VideoLayerForwarder(5000, 900_000, 300, 40));
    }

    /** Delivers every packet at the given time; returns how many were forwarded. */
    int deliverAll(List<Vp8StreamGenerator.Packet> packets, long arrivalNanos) {
        int n = 0;
        for (Vp8StreamGenerator.Packet p : packets) {
            if (deliver(p, arrivalNanos)) {
                n++;
            }
        }
        return n;
    }

    /** Delivers one packet; returns whether it was forwarded. */
    boolean deliver(Vp8StreamGenerator.Packet p, long arrivalNanos) {
        assertThat(arrivalNanos).as("arrival times must not go back").isGreaterThanOrEqualTo(lastArrivalNanos);
        lastArrivalNanos = arrivalNanos;
        int index = deliveries++;
        highestDeliveredBefore.add(highestDelivered.clone());
        if (!firstDelivery.containsKey(p.id())) {
            firstDelivery.put(p.id(), index);
            lateAtDelivery.put(p.id(), highestDelivered[p.layer()] > p.extSeq());
        }
        highestDelivered[p.layer()] = Math.max(highestDelivered[p.layer()], p.extSeq());

        byte[] source = p.bytes().clone();
        assertThat(in.wrap(source, 0, source.length)).isTrue();
        long startsBefore = forwarder.keyframeStarts();
        long[] droppedBefore = new long[VideoDropReason.values().length];
        for (VideoDropReason r : VideoDropReason.values()) {
            droppedBefore[r.ordinal()] = forwarder.dropped(r);
        }
        int targetSpatial = forwarder.targetSpatialLayer();
        boolean accepted = forwarder.accept(p.layer(), in, inVp8, arrivalNanos);
        assertThat(source).as("accept leaves the packet alone").isEqualTo(p.bytes());
        boolean runStart = forwarder.keyframeStarts() != startsBefore;
        layersAfter.add(new int[] {forwarder.currentSpatialLayer(), forwarder.currentTemporalLayer()});
        int target = forwarder.targetSpatialLayer();
        if (target < 0) {
            assertThat(forwarder.needsKeyframe()).isFalse();
        } else if (target != forwarder.currentSpatialLayer()) {
            assertThat(forwarder.needsKeyframe()).isTrue();
        }
        if (!accepted) {
            assertThat(runStart).isFalse();
            int counted = 0;
            for (VideoDropReason r : VideoDropReason.values()) {
                if (forwarder.dropped(r) != droppedBefore[r.ordinal()]) {
                    dropReasons.computeIfAbsent(p.id(), k -> java.util.EnumSet.noneOf(VideoDropReason.class)).add(r);
                    counted++;
                    if (r == VideoDropReason.TEMPORAL_LAYER) {
                        droppedForTemporalLayerAt.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(index);
                    }
                }
            }
            assertThat(counted).as("a dropped packet is counted under one reason").isEqualTo(1);
            return false;
        }
        if (runStart) {
            runs++;
        }
        // the copy sits at an offset inside a larger buffer, as in the router's scratch buffer
        byte[] copy = new byte[source.length + 20];
        System.arraycopy(source, 0, copy, 7, source.length);
        assertThat(out.wrap(copy, 7, source.length)).isTrue();
        forwarder.rewrite(out, outVp8);
        assertThat(out.wrap(copy, 7, source.length)).isTrue();
        int pid = -1;
        int tl0 = -1;
        if (out.payloadLength() > 0) {
            assertThat(check.wrap(copy, out.payloadOffset(), out.payloadLength())).isTrue();
            pid = check.pictureId();
            tl0 = check.tl0PicIdx();
            assertThat(pid).isEqualTo(forwarder.outputPictureId());
            assertThat(tl0).isEqualTo(forwarder.outputTl0PicIdx());
        }
        assertThat(out.sequenceNumber()).isEqualTo(forwarder.outputSequenceNumber());
        assertThat(out.timestamp()).isEqualTo(forwarder.outputTimestamp());
        assertOnlyNumbersChanged(source, copy, 7);
        outputs.add(new Output(p, index, out.sequenceNumber(), out.timestamp(), pid, tl0, runStart, runs - 1,
                targetSpatial));
        return true;
    }

    /** Everything but sequence number, timestamp, picture ID and TL0PICIDX is as the publisher sent it. */
    private void assertOnlyNumbersChanged(byte[] source, byte[] copy, int off) {
        byte[] expected = source.clone();
        Bytes.writeUint16(expected, 2, out.sequenceNumber());
        Bytes.writeUint32(expected, 4, out.timestamp());
        if (in.payloadLength() > 0 && inVp8.wrap(expected, in.payloadOffset(), in.payloadLength())) {
            if (check.hasPictureId()) {
                inVp8.setPictureId(check.pictureId());
            }
            if (check.hasTl0PicIdx()) {
                inVp8.setTl0PicIdx(check.tl0PicIdx());
            }
        }
        assertThat(java.util.Arrays.copyOfRange(copy, off, off + source.length)).isEqualTo(expected);
        assertThat(java.util.Arrays.copyOf(copy, off)).containsOnly(0);
    }

    int deliveries() {
        return deliveries;
    }

    /** Outputs of the given layer, in forwarding order. */
    List<Output> outputsOf(int layer) {
        return outputs.stream().filter(o -> o.source().layer() == layer).toList();
    }

    Output last() {
        return outputs.get(outputs.size() - 1);
    }

    void clearOutputs() {
        outputs.clear();
    }
}
