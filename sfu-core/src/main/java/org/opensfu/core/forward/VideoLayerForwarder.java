package org.opensfu.core.forward;

import org.opensfu.core.codec.vp8.Vp8PayloadDescriptor;
import org.opensfu.core.rtp.RtpPacket;

/**
 * Forwards one simulcast VP8 video producer to one subscriber as a single continuous RTP stream: it picks one
 * spatial layer (one of the producer's simulcast streams, each with its own SSRC, sequence numbers, timestamps and
 * picture IDs) and the temporal layers of it to pass, and renumbers what it passes so that the subscriber's decoder
 * never sees a switch, a gap that is not a loss, or a jump.
 *
 * <h2>Use</h2>
 * For every packet of any of the producer's layers, call {@link #accept}; if it returns true, copy the packet and
 * call {@link #rewrite} on the copy before anything else is accepted (then set SSRC, payload type and header
 * extensions as for any forwarded packet). The allocator calls {@link #setTarget}. While {@link #needsKeyframe()}
 * is true the caller asks the publisher for a key frame of {@link #targetSpatialLayer()} (PLI/FIR on that layer's
 * SSRC, coalesced, e.g. with a {@code KeyframeRequestThrottle}).
 *
 * <h2>Rules</h2>
 * <ul>
 * <li>Spatial: forwarding starts, resumes, and moves to another layer (up or down) only at the first packet of a
 * key frame of the target layer; until then the current layer goes on, so the picture never freezes. The key frame
 * must be the newest packet of its layer seen so far (else its beginning is already gone).</li>
 * <li>Temporal: decided per frame (every packet of a frame gets the same answer; frames without a TID count as
 * TL0): down at any new frame; up at a key frame, or one layer at a time at a frame of the next layer with the
 * layer sync bit Y (RFC 7741 §4.2). Not at a mere TL0 frame: the upper layers' frames after it may reference
 * earlier frames of their own layer that were not forwarded. See {@link LayerRun}.</li>
 * <li>Pause ({@code setTarget(-1, ...)}): takes effect at the next frame of the current layer, so the frame in
 * progress is completed.</li>
 * <li>Sequence numbers are consecutive over forwarded packets; frames dropped on purpose leave no gap, packets lost
 * upstream keep theirs (the subscriber NACKs them), late packets get the number they would have had, packets too
 * late to place are dropped. Picture IDs (15-bit, or 7-bit as the stream has them) are consecutive over forwarded
 * frames; TL0PICIDX over TL0 frames. At a switch (or resume) the new run continues the numbering: next sequence
 * number, next picture ID, next TL0PICIDX, and as timestamp the output timestamp of the previous layer's newest frame
 * plus the wall-clock time since that frame's first packet arrived (90 kHz, at least 1). "Newest frame" whether it
 * was forwarded or dropped for its temporal layer: that is where the subscriber's clock stands.</li>
 * <li>After a switch the previous run still places its own late packets into the gaps it left, for
 * {@value #PREVIOUS_RUN_LIFETIME_NANOS} ns at most.</li>
 * </ul>
 *
 * <p>Allocation-free per packet. Not thread-safe: confined to the router's loop; the counters are plain fields
 * meant to be read there.
 */
public final class VideoLayerForwarder {
    /** Spatial layer indices accepted: 0 up to this, exclusive. */
    public static final int MAX_SPATIAL_LAYERS = 8;
    /** How long the run before a switch keeps placing late packets. */
    public static final long PREVIOUS_RUN_LIFETIME_NANOS = 3_000_000_000L;
    /** Packets of the current layer in a row too old to place before a key frame is asked for to start over. */
    static final int RESYNC_AFTER_TOO_OLD = 64;
    /** RTP clock of video (RFC 7741 §6.1: 90 kHz). */
    private static final long CLOCK_RATE_HZ = 90_000;
    /** Longest wall-clock gap carried into the timestamps at a switch (keeps the jump far below 2^31). */
    private static final long MAX_GAP_NANOS = 10_000_000_000_000L;
    private static final long TIMESTAMP_MASK = 0xFFFF_FFFFL;

    private final int initialSequenceNumber;
    private final long initialTimestamp;
    private final int initialPictureId;
    private final int initialTl0PicIdx;

    private final LayerRun runA = new LayerRun();
    private final LayerRun runB = new LayerRun();
    private LayerRun current;
    /** The run before: places its late packets until it expires; the numbering continues from it when paused. */
    private LayerRun previous;
    private boolean previousExpired;
    private long previousRetiredAtNanos;

    private int targetSpatial = -1;
    private int targetTemporal = -1;
    private boolean resyncPending;
    private int tooOldInARow;

    /** Per spatial layer: the highest sequence number seen, to tell whether a key frame is the newest packet. */
    private final int[] layerHighestSequence = new int[MAX_SPATIAL_LAYERS];
    private final boolean[] layerSeen = new boolean[MAX_SPATIAL_LAYERS];

    private boolean hasOutput;
    private int outputSequenceNumber;
    private long outputTimestamp;
    private int outputPictureId;
    private int outputTl0PicIdx;

    private long accepted;
    private final long[] dropped = new long[VideoDropReason.values().length];
    private long keyframeStarts;
    private long spatialSwitches;
    private long temporalSwitches;
    private long pauses;

    /**
     * @param initialSequenceNumber the first output sequence number (random, RFC 3550 §5.1)
     * @param initialTimestamp      the first output timestamp (random, RFC 3550 §5.1)
     * @param initialPictureId      the first output picture ID (random)
     * @param initialTl0PicIdx      the first output TL0PICIDX
     */
    public VideoLayerForwarder(int initialSequenceNumber, long initialTimestamp, int initialPictureId,
                               int initialTl0PicIdx) {
        this.initialSequenceNumber = initialSequenceNumber & 0xFFFF;
        this.initialTimestamp = initialTimestamp & TIMESTAMP_MASK;
        this.initialPictureId = initialPictureId & 0x7FFF;
        this.initialTl0PicIdx = initialTl0PicIdx & 0xFF;
    }

    // ---- targets ----

    /**
     * Sets the layers to forward: spatial layer index (0 = lowest simulcast stream) and highest temporal layer (TID).
     * A negative value for either pauses forwarding.
     */
    public void setTarget(int spatialLayer, int temporalLayer) {
        if (spatialLayer < 0 || temporalLayer < 0 || spatialLayer >= MAX_SPATIAL_LAYERS) {
            targetSpatial = -1;
            targetTemporal = -1;
        } else {
            targetSpatial = spatialLayer;
            targetTemporal = temporalLayer;
        }
    }

    /** The spatial layer asked for, -1 for none (paused). */
    public int targetSpatialLayer() {
        return targetSpatial;
    }

    /** The temporal layer asked for, -1 for none (paused). */
    public int targetTemporalLayer() {
        return targetTemporal;
    }

    /** The spatial layer being forwarded, -1 for none. */
    public int currentSpatialLayer() {
        return current == null ? -1 : current.layer();
    }

    /**
     * What is added (modulo 2^32) to the RTP timestamps of {@link #currentSpatialLayer()} to get the output's: to
     * translate that layer's sender reports. Meaningless while no layer is forwarded.
     */
    public long timestampDelta() {
        return current == null ? 0 : current.timestampOffset();
    }

    /** The highest temporal layer being forwarded, -1 for none. */
    public int currentTemporalLayer() {
        return current == null ? -1 : current.level();
    }

    /**
     * True while forwarding waits for a key frame of {@link #targetSpatialLayer()}: to start, resume or switch to it,
     * or to start over after its sequence numbers jumped out of reach.
     */
    public boolean needsKeyframe() {
        return targetSpatial >= 0 && (current == null || current.layer() != targetSpatial || resyncPending);
    }

    // ---- per packet ----

    /**
     * Decides whether this packet is forwarded, and if so computes its output numbers for {@link #rewrite}.
     * Never throws on malformed input: such packets are dropped.
     *
     * @param spatialLayer the index of the simulcast stream it came on (0 = lowest resolution)
     * @param packet       the packet, wrapped; with RTX already undone (original sequence number and payload)
     * @param vp8          a scratch view: this method wraps it on the packet's payload
     * @param arrivalNanos when it arrived (monotonic clock)
     */
    public boolean accept(int spatialLayer, RtpPacket packet, Vp8PayloadDescriptor vp8, long arrivalNanos) {
        hasOutput = false;
        if (spatialLayer < 0 || spatialLayer >= MAX_SPATIAL_LAYERS) {
            return drop(VideoDropReason.MALFORMED);
        }
        boolean padding = packet.payloadLength() == 0;
        if (!padding && !vp8.wrap(packet.buffer(), packet.payloadOffset(), packet.payloadLength())) {
            return drop(VideoDropReason.MALFORMED);
        }
        int seq = packet.sequenceNumber();
        boolean newestOfLayer = observe(spatialLayer, seq);
        expirePrevious(spatialLayer, seq, arrivalNanos);
        boolean pausing = targetSpatial < 0;

        if (!padding && !pausing && spatialLayer == targetSpatial && newestOfLayer && vp8.isKeyframe()
                && (current == null || current.layer() != spatialLayer || resyncPending)) {
            startRun(spatialLayer, packet, vp8, arrivalNanos);
            return forward(current);
        }

        LayerRun run = current;
        if (run != null && run.layer() == spatialLayer) {
            long ext = run.sequence.unwrap(seq);
            if (ext >= run.sequence.startExt()) {
                if (pausing && run.startsNewFrame(ext, packet.timestamp(), padding)) {
                    retire(arrivalNanos);
                    pauses++;
                    return drop(VideoDropReason.NOT_SELECTED);
                }
                VideoDropReason reason = run.handle(ext, packet, vp8, padding, targetTemporal, arrivalNanos, true);
                if (run.levelChanged()) {
                    temporalSwitches++;
                }
                countTooOld(reason == VideoDropReason.TOO_OLD, reason);
                return reason == null ? forward(run) : drop(reason);
            }
        }
        run = previous;
        if (run != null && !previousExpired && run.layer() == spatialLayer) {
            long ext = run.sequence.unwrap(seq);
            if (ext >= run.sequence.startExt() && ext <= run.sequence.highestExt()) {
                VideoDropReason reason = run.handle(ext, packet, vp8, padding, targetTemporal, arrivalNanos, false);
                return reason == null ? forward(run) : drop(reason);
            }
        }
        if (current != null && current.layer() == spatialLayer) {
            // from before the current run and nobody else's: too old to place
            countTooOld(true, VideoDropReason.TOO_OLD);
            return drop(VideoDropReason.TOO_OLD);
        }
        return drop(VideoDropReason.NOT_SELECTED);
    }

    /**
     * Writes the output sequence number, timestamp, picture ID and TL0PICIDX computed by the last {@link #accept}
     * that returned true onto {@code copy}, the copy of that packet about to be sent.
     *
     * @param copyVp8 a scratch view: this method wraps it on the copy's payload
     * @throws IllegalStateException if the last {@code accept} did not return true
     */
    public void rewrite(RtpPacket copy, Vp8PayloadDescriptor copyVp8) {
        if (!hasOutput) {
            throw new IllegalStateException("rewrite without an accepted packet");
        }
        copy.setSequenceNumber(outputSequenceNumber);
        copy.setTimestamp(outputTimestamp);
        if ((outputPictureId >= 0 || outputTl0PicIdx >= 0)
                && copyVp8.wrap(copy.buffer(), copy.payloadOffset(), copy.payloadLength())) {
            if (outputPictureId >= 0) {
                copyVp8.setPictureId(outputPictureId);
            }
            if (outputTl0PicIdx >= 0) {
                copyVp8.setTl0PicIdx(outputTl0PicIdx);
            }
        }
    }

    /** Output sequence number of the last accepted packet. */
    public int outputSequenceNumber() {
        return outputSequenceNumber;
    }

    /** Output RTP timestamp of the last accepted packet. */
    public long outputTimestamp() {
        return outputTimestamp;
    }

    /** Output picture ID of the last accepted packet, in its 7 or 15 bits; -1 if it has none. */
    public int outputPictureId() {
        return outputPictureId;
    }

    /** Output TL0PICIDX of the last accepted packet, -1 if it has none. */
    public int outputTl0PicIdx() {
        return outputTl0PicIdx;
    }

    // ---- counters ----

    /** Packets accepted for forwarding. */
    public long accepted() {
        return accepted;
    }

    /** Packets dropped for {@code reason}. */
    public long dropped(VideoDropReason reason) {
        return dropped[reason.ordinal()];
    }

    /** Packets dropped for any reason. */
    public long droppedTotal() {
        long sum = 0;
        for (long d : dropped) {
            sum += d;
        }
        return sum;
    }

    /** Times forwarding (re)started at a key frame: first start, spatial switches, resumes, resynchronizations. */
    public long keyframeStarts() {
        return keyframeStarts;
    }

    /** Switches from one spatial layer to another. */
    public long spatialSwitches() {
        return spatialSwitches;
    }

    /** Changes of the forwarded temporal layer within a spatial layer. */
    public long temporalSwitches() {
        return temporalSwitches;
    }

    /** Times forwarding paused. */
    public long pauses() {
        return pauses;
    }

    // ---- internals ----

    private void startRun(int layer, RtpPacket packet, Vp8PayloadDescriptor vp8, long arrivalNanos) {
        LayerRun from = current != null ? current : previous;
        long firstSequence;
        long nextPictureId;
        long timestamp;
        int lastTl0;
        if (from == null) {
            firstSequence = initialSequenceNumber;
            nextPictureId = initialPictureId;
            timestamp = initialTimestamp;
            lastTl0 = initialTl0PicIdx - 1;
        } else {
            firstSequence = from.nextSequenceOutput();
            nextPictureId = from.nextPictureIdOutput();
            timestamp = (from.lastOutputTimestamp() + elapsedTicks(arrivalNanos - from.lastOutputArrivalNanos()))
                    & TIMESTAMP_MASK;
            lastTl0 = from.lastOutputTl0PicIdx();
            if (from.layer() != layer) {
                spatialSwitches++;
            }
        }
        if (current != null) {
            previous = current;
            previousExpired = false;
            previousRetiredAtNanos = arrivalNanos;
        }
        LayerRun next = runA != previous ? runA : runB;
        current = next;
        next.start(layer, packet, vp8, arrivalNanos, targetTemporal, firstSequence, nextPictureId, timestamp, lastTl0);
        resyncPending = false;
        tooOldInARow = 0;
        keyframeStarts++;
    }

    private void retire(long nowNanos) {
        previous = current;
        previousExpired = false;
        previousRetiredAtNanos = nowNanos;
        current = null;
    }

    /**
     * Stops placing late packets of the previous run once it is too old, or once its layer moved on far enough for
     * its sequence numbers to wrap onto the run's. (The run is kept: a resume after a pause continues from it.)
     */
    private void expirePrevious(int layer, int seq, long nowNanos) {
        if (previous == null || previousExpired) {
            return;
        }
        if (nowNanos - previousRetiredAtNanos > PREVIOUS_RUN_LIFETIME_NANOS) {
            previousExpired = true;
        } else if (previous.layer() == layer
                && previous.sequence.unwrap(seq) > previous.sequence.highestExt() + LayerRun.SEQUENCE_WINDOW) {
            previousExpired = true;
        }
    }

    /** Records {@code seq} for its layer; true if it is newer than every packet of that layer seen before. */
    private boolean observe(int layer, int seq) {
        if (!layerSeen[layer]) {
            layerSeen[layer] = true;
            layerHighestSequence[layer] = seq;
            return true;
        }
        int diff = (short) (seq - layerHighestSequence[layer]);
        if (diff > 0 || diff < -LayerRun.SEQUENCE_WINDOW) { // far behind: the stream started over
            layerHighestSequence[layer] = seq;
            return true;
        }
        return false;
    }

    private void countTooOld(boolean tooOld, VideoDropReason reason) {
        if (tooOld) {
            if (++tooOldInARow >= RESYNC_AFTER_TOO_OLD) {
                resyncPending = true;
            }
        } else if (reason != VideoDropReason.DUPLICATE) {
            tooOldInARow = 0;
        }
    }

    private static long elapsedTicks(long nanos) {
        if (nanos <= 0) {
            return 1;
        }
        return Math.max(1, Math.min(nanos, MAX_GAP_NANOS) * CLOCK_RATE_HZ / 1_000_000_000L);
    }

    private boolean forward(LayerRun run) {
        hasOutput = true;
        outputSequenceNumber = run.outputSequenceNumber();
        outputTimestamp = run.outputTimestamp();
        outputPictureId = run.outputPictureId();
        outputTl0PicIdx = run.outputTl0PicIdx();
        accepted++;
        return true;
    }

    private boolean drop(VideoDropReason reason) {
        dropped[reason.ordinal()]++;
        return false;
    }
}
