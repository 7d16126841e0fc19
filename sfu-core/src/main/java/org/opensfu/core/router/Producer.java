package org.opensfu.core.router;

import java.util.Arrays;
import java.util.List;
import org.opensfu.core.allocation.LayerInfo;
import org.opensfu.core.buffer.PacketBufferPool;
import org.opensfu.core.codec.vp8.Vp8PayloadDescriptor;
import org.opensfu.core.repair.NackGenerator;
import org.opensfu.core.repair.PacketCache;
import org.opensfu.core.rtp.HeaderExtension;
import org.opensfu.core.rtp.RtpPacket;
import org.opensfu.core.stats.Counter;
import org.opensfu.core.stream.KeyframeRequestThrottle;
import org.opensfu.core.stream.LayerRateMeter;

/**
 * One published track in a room: the publisher's m-section, with one layer or several (simulcast), each its own SSRC
 * (and RTX SSRC). It keeps per layer the receive statistics for our receiver reports and the publisher's last sender
 * report, and fans every packet out to its consumers. Confined to the router's loop.
 */
public final class Producer {
    private final ProducerSpec spec;
    private final RouterEndpoint publisher;
    private final ProducerLayer[] layers;
    private final byte[] mid;
    private final KeyframeRequestThrottle[] keyframeThrottles;
    /** Copy-on-write: changed rarely (subscriptions), iterated for every packet without allocation. */
    private Consumer[] consumers = new Consumer[0];
    private boolean closed;

    private final SenderReportInfo[] senderReports;
    private int firSequenceNumber;
    /** Bitrate and frame rate per simulcast and temporal layer, for the allocator; null for audio. */
    private final LayerRateMeter rateMeter;
    private final PacketCache[] caches;
    private int audioLevel = -1;
    private final int audioLevelExtensionId;

    private final Counter packetsReceived = new Counter();
    private final Counter packetsDropped = new Counter();
    private final Counter keyframeRequestsSent = new Counter();

    /** Temporal layers measured per simulcast layer (VP8 TID 0..3, RFC 7741 §4.2). */
    static final int MAX_TEMPORAL_LAYERS = 4;
    /** Packets kept per video layer to answer NACKs; at 1.5 Mbit/s this is over a second. */
    static final int CACHE_PACKETS = 512;
    static final long CACHE_AGE_NANOS = 1_000_000_000L;

    Producer(ProducerSpec spec, RouterEndpoint publisher, long keyframeMinIntervalNanos, PacketBufferPool pool) {
        this.spec = spec;
        this.publisher = publisher;
        this.mid = spec.mid().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int count = spec.layers().size();
        this.layers = new ProducerLayer[count];
        this.keyframeThrottles = new KeyframeRequestThrottle[count];
        this.senderReports = new SenderReportInfo[count];
        this.caches = new PacketCache[count];
        boolean video = spec.kind() == MediaKind.VIDEO;
        for (int i = 0; i < count; i++) {
            caches[i] = video ? new PacketCache(pool, CACHE_PACKETS, CACHE_AGE_NANOS) : null;
            layers[i] = new ProducerLayer(i, spec.layers().get(i), spec.clockRateHz(), caches[i],
                    video && spec.acceptsNack() ? new NackGenerator() : null);
            keyframeThrottles[i] = new KeyframeRequestThrottle(keyframeMinIntervalNanos);
            senderReports[i] = new SenderReportInfo();
        }
        this.rateMeter = video ? new LayerRateMeter(count, MAX_TEMPORAL_LAYERS) : null;
        this.audioLevelExtensionId = video ? 0 : spec.extensions().id(HeaderExtension.AUDIO_LEVEL);
    }

    public boolean isVideo() {
        return spec.kind() == MediaKind.VIDEO;
    }

    /** The audio level (RFC 6464 -dBov, 127 silence) of the packet being forwarded; -1 if it has none or video. */
    /** The publisher's ID for the audio-level extension, 0 if not negotiated. */
    int audioLevelExtensionId() {
        return audioLevelExtensionId;
    }

    int audioLevel() {
        return audioLevel;
    }

    void setAudioLevel(int levelDbov) {
        audioLevel = levelDbov;
    }

    /** The packet caches by layer index (null elements for audio), to answer subscribers' NACKs. */
    PacketCache[] caches() {
        return caches;
    }

    /**
     * What the publisher sends now, per simulcast and temporal layer, for the bandwidth allocator: bitrates and frame
     * rates measured over the last two seconds, heights from the layers' last key frames. Empty for audio.
     */
    public LayerInfo layerInfo(long nowNanos) {
        if (rateMeter == null) {
            return LayerInfo.empty();
        }
        int count = layers.length;
        long[][] bitrateBps = new long[count][];
        double[][] frameRate = new double[count][];
        int[] heightPx = new int[count];
        for (int s = 0; s < count; s++) {
            int temporalLayers = Math.min(layers[s].temporalLayersSeen(), MAX_TEMPORAL_LAYERS);
            bitrateBps[s] = new long[temporalLayers];
            frameRate[s] = new double[temporalLayers];
            for (int t = 0; t < temporalLayers; t++) {
                bitrateBps[s][t] = rateMeter.bitrateBps(s, t, nowNanos);
                frameRate[s][t] = rateMeter.frameRate(s, t, nowNanos);
            }
            heightPx[s] = layers[s].frameHeightPx();
        }
        return new LayerInfo(bitrateBps, heightPx, frameRate);
    }

    public ProducerSpec spec() {
        return spec;
    }

    public String id() {
        return spec.producerId();
    }

    public RouterEndpoint publisher() {
        return publisher;
    }

    public List<Consumer> consumers() {
        return List.of(consumers);
    }

    public int layerCount() {
        return layers.length;
    }

    public ProducerLayer layer(int index) {
        return layers[index];
    }

    /** The layer whose RTX SSRC is {@code ssrc}, or -1. */
    int layerIndexOfRtx(int ssrc) {
        for (int i = 0; i < layers.length; i++) {
            if (layers[i].rtxSsrc() == ssrc && ssrc != 0) {
                return i;
            }
        }
        return -1;
    }

    /** The layer whose media SSRC is {@code ssrc}, or -1. */
    int layerIndexOf(int ssrc) {
        for (int i = 0; i < layers.length; i++) {
            if (layers[i].ssrc() == ssrc && ssrc != 0) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the MID header extension value (bytes {@code [off, off + len)}) names this producer's m-section. */
    boolean hasMid(byte[] buf, int off, int len) {
        if (mid.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (mid[i] != buf[off + i]) {
                return false;
            }
        }
        return true;
    }

    public long packetsReceived() {
        return packetsReceived.get();
    }

    /** Packets not forwarded: wrong payload type, padding only. */
    public long packetsDropped() {
        return packetsDropped.get();
    }

    public long keyframeRequestsSent() {
        return keyframeRequestsSent.get();
    }

    public long keyframeRequestsSuppressed() {
        long suppressed = 0;
        for (KeyframeRequestThrottle throttle : keyframeThrottles) {
            suppressed += throttle.suppressed();
        }
        return suppressed;
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        closed = true;
        for (ProducerLayer layer : layers) {
            layer.close();
        }
        for (Consumer consumer : consumers) {
            consumer.close();
        }
        consumers = new Consumer[0];
    }

    void addConsumer(Consumer consumer) {
        Consumer[] grown = Arrays.copyOf(consumers, consumers.length + 1);
        grown[consumers.length] = consumer;
        consumers = grown;
    }

    void removeConsumer(Consumer consumer) {
        consumers = Arrays.stream(consumers).filter(c -> c != consumer).toArray(Consumer[]::new);
    }

    /**
     * A media packet of layer {@code layerIndex} from the publisher: account for it, measure its layer's rate, and
     * forward it to every consumer. Video padding-only packets go to the consumers too: their layer forwarders close
     * the sequence number gap they would otherwise leave.
     */
    void onRtp(int layerIndex, RtpPacket packet, ForwardingScratch scratch, long nowNanos) {
        packetsReceived.increment();
        ProducerLayer layer = layers[layerIndex];
        layer.countPacket();
        layer.receiveStats().onPacket(packet.sequenceNumber(), packet.timestamp(), nowNanos, packet.length());
        boolean padding = packet.payloadLength() == 0;
        if (packet.payloadType() != spec.payloadType() || (padding && rateMeter == null)) {
            packetsDropped.increment(); // another codec than negotiated, or audio without payload
            return;
        }
        if (!layer.remember(packet, nowNanos)) {
            return; // seen before
        }
        if (rateMeter != null && !padding) {
            measure(layer, packet, scratch.sourceVp8, nowNanos);
        }
        for (Consumer consumer : consumers) {
            consumer.forward(layerIndex, packet, scratch, nowNanos);
        }
    }

    /** Counts a video packet into its spatial and temporal layer, and notes key frame sizes (RFC 7741 §4.2-4.3). */
    private void measure(ProducerLayer layer, RtpPacket packet, Vp8PayloadDescriptor vp8, long nowNanos) {
        if (!vp8.wrap(packet.buffer(), packet.payloadOffset(), packet.payloadLength())) {
            return;
        }
        int temporalLayer = vp8.hasTid() ? vp8.temporalLayer() : 0;
        layer.noteTemporalLayer(temporalLayer);
        rateMeter.onPacket(layer.index(), temporalLayer, packet.length(), vp8.isStartOfFrame(), nowNanos);
        if (vp8.isKeyframe()) {
            int widthPx = vp8.frameWidth();
            int heightPx = vp8.frameHeight();
            if (widthPx > 0 && heightPx > 0) {
                layer.onKeyframeSize(widthPx, heightPx);
            }
        }
    }

    void onSenderReport(int layerIndex, long ntpTimestamp, long rtpTimestamp, long arrivalNanos) {
        senderReports[layerIndex].update(ntpTimestamp, rtpTimestamp, arrivalNanos);
        layers[layerIndex].receiveStats().onSenderReport(ntpTimestamp, arrivalNanos);
    }

    /** The last sender report of a layer (check {@link SenderReportInfo#received()}). */
    SenderReportInfo senderReport(int layerIndex) {
        return senderReports[layerIndex];
    }

    /** True if a keyframe request for a layer may go to the publisher now (the throttle coalesces the rest). */
    boolean tryKeyframeRequest(int layerIndex, long nowNanos) {
        boolean allowed = keyframeThrottles[layerIndex].tryRequest(nowNanos);
        if (allowed) {
            keyframeRequestsSent.increment();
        }
        return allowed;
    }

    /** The next FIR command sequence number (RFC 5104 §4.3.1.1: incremented per new request). */
    int nextFirSequenceNumber() {
        firSequenceNumber = (firSequenceNumber + 1) & 0xFF;
        return firSequenceNumber;
    }
}
