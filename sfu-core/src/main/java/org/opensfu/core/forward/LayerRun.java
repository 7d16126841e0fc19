package org.opensfu.core.forward;

import org.opensfu.core.codec.vp8.Vp8PayloadDescriptor;
import org.opensfu.core.rtp.RtpPacket;

/**
 * One uninterrupted run of forwarding one spatial layer (one simulcast RTP stream) to one subscriber: from the key
 * frame it started at until the next switch or pause. It decides per frame which temporal layers pass and maps the
 * layer's sequence numbers, timestamps, picture IDs and TL0PICIDX onto the subscriber's continuous numbering.
 *
 * <h2>Frames and order</h2>
 * Packets are ordered by sequence number; a frame is the packets sharing an RTP timestamp (RFC 7741 §4.1: all
 * packets of a frame carry its timestamp, the first has S=1 and PID=0, the last the marker bit). The frame of the
 * highest sequence number is the "newest frame". A packet above the highest is "in order"; one with a new timestamp
 * starts a new frame, and only then do temporal layer changes happen. A packet at or below the highest is "late";
 * if its timestamp is later than the newest frame's, its frame's packets were overtaken (by padding, or by packets
 * that arrived late themselves) and it still starts a new frame.
 *
 * <h2>Temporal layers (RFC 7741 §4.2)</h2>
 * A new frame passes when its TID (0 when the T bit is absent) is at most the current level. The level drops to a
 * lower target at any new frame; it rises at a key frame (to the target), or by one step at a frame of the next
 * layer that has the layer sync bit Y, which depends on base-layer frames only. A TL0 frame alone is not a safe
 * point to go up: frames of higher layers after it may still reference earlier frames of their own layer, which the
 * subscriber never got. Each rise is remembered (where, from which level) so that a frame arriving late is judged by
 * the level that applied to it: it passes when its TID is at most the current level and the level before every
 * later rise; dropping is always safe, as no frame of a lower layer references a higher one.
 *
 * <h2>Numbering</h2>
 * Sequence numbers and picture IDs go through a {@link NumberProjection}: dropped frames get no numbers, packets not
 * seen yet get numbers held for them, and so a gap in the output means exactly "something forwarded may be missing
 * here". Packets skipped over by a new highest one are only left without numbers when they certainly belong to
 * dropped frames: the newest frame (if it did not end) and the new one (if it did not start here) are dropped, and
 * no frame can be in between (consecutive picture IDs), or only frames above TL0 that would be dropped (TL0PICIDX
 * unchanged while the level is 0). Otherwise a gap is kept: a receiver asking for a packet that never comes costs a
 * NACK, a loss hidden inside a forwarded frame would corrupt the picture. A number held for a packet that arrives
 * late and whose frame is dropped is given back if nothing after it has a number yet. Picture IDs skipped over
 * follow the same rules. Timestamps and TL0PICIDX are shifted by a constant offset per run (TL0 frames are never
 * dropped for the temporal layer, so their indices stay consecutive). The next run continues from the newest frame,
 * forwarded or not: no frame this run can still forward (late ones included) has a later timestamp or TL0PICIDX.
 *
 * <p>Allocation-free after construction; confined to the forwarder's thread.
 */
final class LayerRun {
    /** Sequence numbers this far below the highest can still be placed: the reorder window, in packets. */
    static final int SEQUENCE_WINDOW = 1024;
    /** Picture IDs this far below the newest can still be placed, in frames. */
    static final int PICTURE_ID_WINDOW = 256;
    /** Frames whose decisions are remembered for their late packets. */
    static final int FRAMES_REMEMBERED = 64;
    private static final int RISES_REMEMBERED = 8;
    private static final long TIMESTAMP_MASK = 0xFFFF_FFFFL;

    final NumberProjection sequence = new NumberProjection(SEQUENCE_WINDOW);
    private final NumberProjection pictureIds = new NumberProjection(PICTURE_ID_WINDOW);
    private final FrameDecisions frames = new FrameDecisions(FRAMES_REMEMBERED);

    private int layer = -1;
    private int level;
    private boolean levelChanged;
    /** The next output picture ID while no picture ID was projected in this run. */
    private long carriedNextPictureId;
    /** Output = source + offset, modulo 2^32. */
    private long timestampOffset;
    private boolean hasTl0Offset;
    /** Output = source + offset, modulo 256. */
    private int tl0Offset;

    /** Temporal level rises: the sequence number where each happened and the level before it. */
    private final long[] riseSequence = new long[RISES_REMEMBERED];
    private final int[] riseLevelBefore = new int[RISES_REMEMBERED];
    private int rises;
    /** The highest sequence number of a rise no longer remembered, or Long.MIN_VALUE. */
    private long forgottenRiseSequence;

    // the newest frame: the frame of the highest sequence number
    private long newestTimestamp;
    private boolean newestForwarded;
    private int newestPictureId;
    private int newestPictureIdBits;
    private int newestTl0PicIdx;
    private long newestOutputPictureId;
    /** When the first packet seen of the newest frame arrived. */
    private long newestArrivalNanos;
    /** Marker bit of the packet with the highest sequence number (false for padding). */
    private boolean highestMarker;
    /**
     * Set by {@link #startFrame}: any frames between the previous newest frame and the new one are above TL0 while
     * the level was 0, hence dropped.
     */
    private boolean onlyDroppedFramesBetween;

    /** TL0PICIDX the run continues from until its own frames set an offset. */
    private int carriedTl0PicIdx;

    // output of the packet just forwarded
    private int outputSequenceNumber;
    private long outputTimestamp;
    private int outputPictureId;
    private int outputTl0PicIdx;

    /**
     * Starts the run at the first packet of a key frame.
     *
     * @param firstSequenceOutput   the output sequence number of this packet (extended)
     * @param nextPictureIdOutput   the output picture ID of this frame (extended)
     * @param outputTimestamp       the output timestamp of this frame
     * @param lastOutputTl0PicIdx   the output TL0PICIDX of the frame forwarded before (this TL0 frame gets one more)
     */
    void start(int layer, RtpPacket packet, Vp8PayloadDescriptor vp8, long arrivalNanos, int targetTemporal,
               long firstSequenceOutput, long nextPictureIdOutput, long outputTimestamp, int lastOutputTl0PicIdx) {
        this.layer = layer;
        level = Math.max(0, targetTemporal);
        levelChanged = false;
        rises = 0;
        forgottenRiseSequence = Long.MIN_VALUE;
        long ts = packet.timestamp();
        timestampOffset = outputTimestamp - ts;
        hasTl0Offset = false;
        carriedTl0PicIdx = lastOutputTl0PicIdx & 0xFF;
        pictureIds.reset();
        frames.reset();
        carriedNextPictureId = nextPictureIdOutput;
        sequence.start(16, SEQUENCE_WINDOW, packet.sequenceNumber(), firstSequenceOutput);
        long outPictureId = projectPictureId(vp8, true, false);
        setNewestFrame(ts, true, vp8, outPictureId, arrivalNanos);
        frames.add(ts, true, outPictureId);
        long out = sequence.advance(sequence.startExt(), false, true);
        highestMarker = packet.marker();
        setOutput(out, ts, outPictureId, vp8);
    }

    int layer() {
        return layer;
    }

    /** The temporal level being forwarded: frames with a higher TID are dropped. */
    int level() {
        return level;
    }

    /** Whether the last {@link #handle} changed {@link #level()}. */
    boolean levelChanged() {
        return levelChanged;
    }

    /** What this run adds to the layer's RTP timestamps, modulo 2^32. */
    long timestampOffset() {
        return timestampOffset & TIMESTAMP_MASK;
    }

    /** The output sequence number the next run starts at (extended). */
    long nextSequenceOutput() {
        return sequence.nextOutput();
    }

    /** The output picture ID the next run starts at (extended). */
    long nextPictureIdOutput() {
        return pictureIds.started() ? pictureIds.nextOutput() : carriedNextPictureId;
    }

    /**
     * The output timestamp of the newest frame, forwarded or not: where the subscriber's clock stands, since no
     * frame of this run forwarded later (late ones included) can be newer.
     */
    long lastOutputTimestamp() {
        return (newestTimestamp + timestampOffset) & TIMESTAMP_MASK;
    }

    /** When the first packet seen of the newest frame arrived. */
    long lastOutputArrivalNanos() {
        return newestArrivalNanos;
    }

    /**
     * The output TL0PICIDX of the newest frame, forwarded or not: TL0PICIDX never decreases in frame order, so no
     * TL0 frame this run may still forward has a higher one.
     */
    int lastOutputTl0PicIdx() {
        if (newestTl0PicIdx >= 0 && hasTl0Offset) {
            return (newestTl0PicIdx + tl0Offset) & 0xFF;
        }
        return carriedTl0PicIdx;
    }

    int outputSequenceNumber() {
        return outputSequenceNumber;
    }

    long outputTimestamp() {
        return outputTimestamp;
    }

    int outputPictureId() {
        return outputPictureId;
    }

    int outputTl0PicIdx() {
        return outputTl0PicIdx;
    }

    /**
     * True when this packet (sequence number unwrapped by {@link #sequence}) starts a frame newer than the newest:
     * it is above the highest sequence number with another timestamp, or below it with a later timestamp (a new
     * frame whose packets were overtaken by later ones, e.g. padding).
     */
    boolean startsNewFrame(long ext, long timestamp, boolean padding) {
        return !padding && timestamp != newestTimestamp
                && (ext > sequence.highestExt() || isLaterThanNewest(timestamp));
    }

    private boolean isLaterThanNewest(long timestamp) {
        return (int) (timestamp - newestTimestamp) > 0;
    }

    /**
     * Decides about one packet of this run's layer at or after the run's start and computes its output numbers.
     * Packets above the highest are only handled for the current run ({@code current}); a retired run only places
     * late packets.
     *
     * @param ext     its sequence number unwrapped by {@link #sequence}
     * @param vp8     its payload descriptor, wrapped (ignored for padding)
     * @param padding true for a packet without payload
     * @return null when forwarded (outputs set), else why not
     */
    VideoDropReason handle(long ext, RtpPacket packet, Vp8PayloadDescriptor vp8, boolean padding,
                           int targetTemporal, long arrivalNanos, boolean current) {
        levelChanged = false;
        if (ext > sequence.highestExt()) {
            return current ? inOrder(ext, packet, vp8, padding, targetTemporal, arrivalNanos)
                    : VideoDropReason.NOT_SELECTED;
        }
        return late(ext, packet, vp8, padding, targetTemporal, arrivalNanos, current);
    }

    private VideoDropReason inOrder(long ext, RtpPacket packet, Vp8PayloadDescriptor vp8, boolean padding,
                                    int targetTemporal, long arrivalNanos) {
        if (padding) {
            // what was skipped may be padding or frames: keep the gap; padding itself takes no number
            sequence.advance(ext, false, false);
            highestMarker = false;
            return VideoDropReason.PADDING;
        }
        long ts = packet.timestamp();
        boolean forwarded;
        boolean skippedDropped;
        if (ts == newestTimestamp) {
            forwarded = newestForwarded;
            skippedDropped = !newestForwarded; // what was skipped is part of this same frame
        } else {
            boolean tailDropped = highestMarker || !newestForwarded;
            boolean frameBetweenImpossible = noFrameBetween(vp8);
            forwarded = startFrame(ext, vp8, ts, targetTemporal, arrivalNanos);
            boolean headDropped = vp8.isStartOfFrame() || !forwarded;
            skippedDropped = tailDropped && headDropped && (frameBetweenImpossible || onlyDroppedFramesBetween);
        }
        long out = sequence.advance(ext, skippedDropped, forwarded);
        highestMarker = packet.marker();
        if (!forwarded) {
            return VideoDropReason.TEMPORAL_LAYER;
        }
        setOutput(out, ts, newestOutputPictureId, vp8);
        return null;
    }

    private VideoDropReason late(long ext, RtpPacket packet, Vp8PayloadDescriptor vp8, boolean padding,
                                 int targetTemporal, long arrivalNanos, boolean current) {
        if (padding) {
            return VideoDropReason.PADDING;
        }
        int slot = sequence.state(ext);
        if (slot == NumberProjection.OUTSIDE) {
            return VideoDropReason.TOO_OLD;
        }
        if (slot == NumberProjection.SENT) {
            return VideoDropReason.DUPLICATE;
        }
        long ts = packet.timestamp();
        if (ts != newestTimestamp && isLaterThanNewest(ts)) {
            // a new frame whose packets were all overtaken by later ones (padding, or late packets)
            if (!current) {
                return VideoDropReason.NOT_SELECTED;
            }
            boolean forwarded = startFrame(ext, vp8, ts, targetTemporal, arrivalNanos);
            return placeLate(ext, slot, forwarded, ts, newestOutputPictureId, vp8);
        }
        int entry = frames.find(ts);
        boolean forwarded;
        long outPictureId = -1;
        if (entry >= 0) { // every packet of a frame gets the same answer
            forwarded = frames.forwarded(entry);
            outPictureId = frames.outputPictureId(entry);
        } else if (frames.mayHaveForgotten(ts)) {
            return VideoDropReason.TOO_OLD;
        } else { // a frame not seen before: all its earlier packets were lost or are late too
            forwarded = temporalLayerOf(vp8) <= lateLevel(ext);
            if (vp8.hasPictureId()) {
                long pictureIdExt = pictureIds.unwrap(vp8.pictureId());
                int state = pictureIds.bits() == vp8.pictureIdLength() ? pictureIds.state(pictureIdExt)
                        : NumberProjection.OUTSIDE;
                if (state == NumberProjection.RESERVED) {
                    if (forwarded) {
                        outPictureId = pictureIds.claim(pictureIdExt);
                    } else {
                        pictureIds.vacate(pictureIdExt);
                    }
                } else if (state == NumberProjection.EXCLUDED || state == NumberProjection.VACATED) {
                    forwarded = false; // skipped as certainly dropped when a later frame came
                } else {
                    return VideoDropReason.TOO_OLD; // no picture ID held for it (e.g. before a discontinuity)
                }
            }
            frames.add(ts, forwarded, outPictureId);
        }
        return placeLate(ext, slot, forwarded, ts, outPictureId, vp8);
    }

    /** Gives a late packet the number held for it, or gives the number back when its frame is dropped. */
    private VideoDropReason placeLate(long ext, int slot, boolean forwarded, long ts, long outPictureId,
                                      Vp8PayloadDescriptor vp8) {
        if (!forwarded) {
            if (slot == NumberProjection.RESERVED) {
                sequence.vacate(ext);
            }
            return VideoDropReason.TEMPORAL_LAYER;
        }
        if (slot != NumberProjection.RESERVED) {
            return VideoDropReason.UNPLACEABLE;
        }
        setOutput(sequence.claim(ext), ts, outPictureId, vp8);
        return null;
    }

    /**
     * Starts a frame newer than the newest: runs the temporal layer decision, projects its picture ID and makes it
     * the newest frame. Sets {@link #onlyDroppedFramesBetween}. Returns whether the frame passes.
     */
    private boolean startFrame(long ext, Vp8PayloadDescriptor vp8, long ts, int targetTemporal, long arrivalNanos) {
        int levelBefore = level;
        onlyDroppedFramesBetween = levelBefore == 0 && noTl0FrameBetween(vp8);
        boolean forwarded = decideTemporal(ext, vp8, temporalLayerOf(vp8), targetTemporal);
        long outPictureId = projectPictureId(vp8, forwarded, onlyDroppedFramesBetween);
        setNewestFrame(ts, forwarded, vp8, outPictureId, arrivalNanos);
        frames.add(ts, forwarded, outPictureId);
        return forwarded;
    }

    /** Runs the temporal level state machine for a new in-order frame; true if the frame passes. */
    private boolean decideTemporal(long ext, Vp8PayloadDescriptor vp8, int tid, int targetTemporal) {
        int before = level;
        if (vp8.isKeyframe()) {
            level = targetTemporal; // a key frame references nothing: any layer can start here
        } else if (targetTemporal < level) {
            level = targetTemporal;
        } else if (targetTemporal > level && vp8.layerSync() && tid == level + 1) {
            level = tid;
        }
        if (level > before) {
            rememberRise(ext, before);
        }
        levelChanged = level != before;
        return tid <= level;
    }

    private void rememberRise(long ext, int levelBefore) {
        int i = rises % RISES_REMEMBERED;
        if (rises >= RISES_REMEMBERED) {
            forgottenRiseSequence = Math.max(forgottenRiseSequence, riseSequence[i]);
        }
        riseSequence[i] = ext;
        riseLevelBefore[i] = levelBefore;
        rises++;
    }

    /** The highest TID a frame seen first now, late, at sequence number {@code ext} may have to pass. */
    private int lateLevel(long ext) {
        if (ext < forgottenRiseSequence) {
            return 0; // a rise after it is forgotten: only the base layer is sure to have passed
        }
        int cap = level;
        int n = Math.min(rises, RISES_REMEMBERED);
        for (int i = 0; i < n; i++) {
            if (riseSequence[i] > ext) {
                cap = Math.min(cap, riseLevelBefore[i]);
            }
        }
        return cap;
    }

    /** True when the picture IDs of the newest frame and this new one are consecutive: no frame in between. */
    private boolean noFrameBetween(Vp8PayloadDescriptor vp8) {
        if (newestPictureId < 0 || !vp8.hasPictureId() || vp8.pictureIdLength() != newestPictureIdBits) {
            return false;
        }
        int mask = (1 << newestPictureIdBits) - 1;
        return ((vp8.pictureId() - newestPictureId) & mask) == 1;
    }

    /**
     * True when no TL0 frame can be between the newest frame and this new one: TL0PICIDX counts TL0 frames, so it
     * is the same, or one more when this frame is itself TL0 (RFC 7741 §4.2).
     */
    private boolean noTl0FrameBetween(Vp8PayloadDescriptor vp8) {
        if (newestTl0PicIdx < 0 || !vp8.hasTl0PicIdx() || !vp8.hasTid()) {
            return false;
        }
        int ownStep = vp8.temporalLayer() == 0 ? 1 : 0;
        return ((vp8.tl0PicIdx() - newestTl0PicIdx - ownStep) & 0xFF) == 0;
    }

    /**
     * Projects the picture ID of a new in-order frame; returns its output picture ID (extended) or -1. A jump
     * backwards or beyond the window, or a change of length, is a discontinuity of the source: the output goes on
     * without a gap.
     */
    private long projectPictureId(Vp8PayloadDescriptor vp8, boolean forwarded, boolean skippedDropped) {
        if (!vp8.hasPictureId()) {
            return -1;
        }
        int bits = vp8.pictureIdLength();
        if (pictureIds.started() && pictureIds.bits() == bits) {
            long ext = pictureIds.unwrap(vp8.pictureId());
            long distance = ext - pictureIds.highestExt();
            if (distance > 0 && distance <= pictureIds.window()) {
                return pictureIds.advance(ext, skippedDropped, forwarded);
            }
        }
        pictureIds.start(bits, PICTURE_ID_WINDOW, vp8.pictureId(), nextPictureIdOutput());
        return pictureIds.advance(pictureIds.startExt(), false, forwarded);
    }

    private void setNewestFrame(long ts, boolean forwarded, Vp8PayloadDescriptor vp8, long outPictureId,
                                long arrivalNanos) {
        newestTimestamp = ts;
        newestForwarded = forwarded;
        newestPictureId = vp8.pictureId();
        newestPictureIdBits = vp8.pictureIdLength();
        newestTl0PicIdx = vp8.tl0PicIdx();
        newestOutputPictureId = outPictureId;
        newestArrivalNanos = arrivalNanos;
        if (newestTl0PicIdx >= 0 && !hasTl0Offset) {
            establishTl0Offset(vp8);
        }
    }

    private void setOutput(long sequenceOut, long ts, long pictureIdOut, Vp8PayloadDescriptor vp8) {
        outputSequenceNumber = (int) sequenceOut & 0xFFFF;
        outputTimestamp = (ts + timestampOffset) & TIMESTAMP_MASK;
        outputPictureId = pictureIdOut < 0 ? -1 : (int) pictureIdOut & ((1 << vp8.pictureIdLength()) - 1);
        if (vp8.hasTl0PicIdx()) {
            if (!hasTl0Offset) {
                establishTl0Offset(vp8);
            }
            outputTl0PicIdx = (vp8.tl0PicIdx() + tl0Offset) & 0xFF;
        } else {
            outputTl0PicIdx = -1;
        }
    }

    /** The first frame with a TL0PICIDX continues from the carried one: one more if it is itself a TL0 frame. */
    private void establishTl0Offset(Vp8PayloadDescriptor vp8) {
        int ownStep = temporalLayerOf(vp8) == 0 ? 1 : 0;
        tl0Offset = carriedTl0PicIdx + ownStep - vp8.tl0PicIdx();
        hasTl0Offset = true;
    }

    /** TID, or 0 for frames without temporal layer information. */
    private static int temporalLayerOf(Vp8PayloadDescriptor vp8) {
        return vp8.hasTid() ? vp8.temporalLayer() : 0;
    }
}
