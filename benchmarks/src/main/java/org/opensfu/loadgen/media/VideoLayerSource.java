package org.opensfu.loadgen.media;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.opensfu.core.stats.Counter;

/**
 * One simulcast layer of a synthetic VP8 camera: at every frame tick it sends one frame as RTP packets (RFC 7741),
 * sized so that the layer averages its target bitrate, with the L1T3 temporal pattern ({@link TemporalPattern}), a
 * 15-bit picture ID and a TL0PICIDX per layer as libwebrtc numbers them, and a key frame (with the layer's width and
 * height) first, when asked ({@link #requestKeyframe()}: a PLI or FIR, or the periodic key frame timer) and never
 * otherwise. A key frame restarts the temporal pattern. Confined to the publisher's media loop.
 */
public final class VideoLayerSource {
    /** A key frame is this many times the layer's average frame. */
    static final double KEYFRAME_SIZE_FACTOR = 4.0;
    /** VP8 bytes per RTP packet at most (payload descriptor and stamp excluded): packets stay under 1200 bytes. */
    static final int MAX_VP8_BYTES_PER_PACKET = 1100;

    private final LayerSpec spec;
    private final byte[] rid;
    private final int ssrc;
    private final int payloadType;
    private final double averageFrameBytes;
    private int sequenceNumber;
    private int pictureId;
    private int tl0PicIdx;
    private long patternIndex;
    private int sourceIndex;
    private boolean keyframeRequested = true;

    private final Counter frames = new Counter();
    private final Counter keyframes = new Counter();
    private final Counter packets = new Counter();

    /**
     * @param sendRid whether packets carry the rid (rid-identified simulcast) or not (SSRC-identified)
     */
    public VideoLayerSource(LayerSpec spec, boolean sendRid, int ssrc, int payloadType, double frameRate,
                            SplittableRandom random) {
        if (frameRate <= 0) {
            throw new IllegalArgumentException("frame rate " + frameRate);
        }
        this.spec = spec;
        this.rid = sendRid ? spec.rid().getBytes(StandardCharsets.US_ASCII) : null;
        this.ssrc = ssrc;
        this.payloadType = payloadType;
        this.averageFrameBytes = spec.bitrateBps() / 8.0 / frameRate;
        this.sequenceNumber = random.nextInt(1 << 16);
        this.pictureId = random.nextInt(1 << 15);
        this.tl0PicIdx = random.nextInt(1 << 8);
    }

    public LayerSpec spec() {
        return spec;
    }

    public int ssrc() {
        return ssrc;
    }

    /** The next frame will be a key frame. */
    public void requestKeyframe() {
        keyframeRequested = true;
    }

    /** Sends one frame captured at {@code rtpTimestamp} (90 kHz). */
    public void emitFrame(RtpSender sender, OutgoingExtensions extensions, byte[] mid, long rtpTimestamp) {
        boolean keyframe = keyframeRequested;
        if (keyframe) {
            keyframeRequested = false;
            patternIndex = 0;
        }
        int temporalLayer = TemporalPattern.temporalLayer(patternIndex);
        boolean layerSync = TemporalPattern.layerSync(patternIndex);
        if (temporalLayer == 0) {
            tl0PicIdx = (tl0PicIdx + 1) & 0xFF; // a TL0 frame carries the next index (RFC 7741 §4.2)
        }
        double factor = keyframe ? KEYFRAME_SIZE_FACTOR : TemporalPattern.sizeFactor(temporalLayer);
        int frameBytes = Math.max(1, (int) Math.round(averageFrameBytes * factor));
        int packetCount = (frameBytes + MAX_VP8_BYTES_PER_PACKET - 1) / MAX_VP8_BYTES_PER_PACKET;
        int remaining = frameBytes;
        for (int i = 0; i < packetCount; i++) {
            int chunk = remaining / (packetCount - i);
            remaining -= chunk;
            boolean last = i == packetCount - 1;
            sender.begin(extensions, mid, rid, -1, false, payloadType, last, sequenceNumber, rtpTimestamp, ssrc);
            sequenceNumber = (sequenceNumber + 1) & 0xFFFF;
            byte[] buf = sender.array();
            int p = sender.payloadOffset();
            int header = Vp8PayloadWriter.writeDescriptor(buf, p, i == 0, temporalLayer == 2, pictureId, tl0PicIdx,
                    temporalLayer, layerSync);
            if (i == 0) {
                header += keyframe
                        ? Vp8PayloadWriter.writeKeyframeHeader(buf, p + header, frameBytes / 8, spec.widthPx(),
                                spec.heightPx())
                        : Vp8PayloadWriter.writeInterframeHeader(buf, p + header, frameBytes / 8);
            }
            int payloadLength = Math.max(Vp8PayloadWriter.DESCRIPTOR_LENGTH + chunk, header + PayloadStamp.LENGTH);
            sender.send(payloadLength, sourceIndex++, true, true);
            packets.increment();
        }
        pictureId = (pictureId + 1) & 0x7FFF;
        patternIndex++;
        frames.increment();
        if (keyframe) {
            keyframes.increment();
        }
    }

    public long framesSent() {
        return frames.get();
    }

    public long keyframesSent() {
        return keyframes.get();
    }

    public long packetsSent() {
        return packets.get();
    }
}
